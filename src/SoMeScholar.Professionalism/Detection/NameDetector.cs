using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Personal names in clinical storytelling. A capitalised run of up to three words is a name when the evidence
/// says so: a title (Mr, Mrs, Ms), a patient or relative cue before it ("my patient", "her husband", "Grandpa"),
/// a clinical verb before it ("discharged Maria") or after it ("Maria presented"), an age after it ("Maria, 45,"),
/// a possessive with a person noun ("Maria's daughter"), or the lists (a listed given name followed by a surname,
/// or a listed given name alone inside a case story). Eponyms, drugs, devices, famous people, names after
/// "Dr"/"Prof" and the caller's known names are not flagged.
/// </summary>
internal sealed partial class NameDetector : IDetector
{
    private static readonly FrozenSet<string> Titles = Words("Mr", "Mrs", "Ms", "Miss", "Mx", "Mister", "Madam", "Mme", "Sr", "Señor", "Señora");

    private static readonly FrozenSet<string> ClinicianTitles = Words("Dr", "Doctor", "Prof", "Professor", "Drs", "Nurse", "Sister", "RN", "NP", "PA");

    private static readonly FrozenSet<string> PersonNouns = Words(
        "patient", "pt", "pts", "wife", "husband", "son", "daughter", "mom", "mum", "mother", "dad", "father", "sister",
        "brother", "granddaughter", "grandson", "grandpa", "grandma", "granny", "nana", "grandmother", "grandfather",
        "niece", "nephew", "partner", "girlfriend", "boyfriend", "fiancé", "fiance", "fiancée", "aunt", "auntie",
        "uncle", "cousin", "baby", "neighbour", "neighbor", "named", "called", "resident", "client", "kid", "child",
        "toddler", "infant", "twin", "widow", "widower", "caregiver", "carer", "spouse");

    private static readonly FrozenSet<string> VerbsBefore = Words(
        "discharged", "admitted", "admit", "told", "saw", "see", "met", "intubated", "treated", "examined", "visited",
        "forget", "remember", "resuscitated", "transferred", "triaged", "consented", "sedated", "reached", "call",
        "called", "paged", "coded", "delivered", "operated", "scoped", "miss", "lost", "thank");

    private static readonly FrozenSet<string> VerbsAfter = Words(
        "presented", "presents", "was", "is", "had", "has", "came", "comes", "coded", "went", "died", "passed", "fell",
        "called", "emailed", "sent", "asked", "refuses", "refused", "turned", "celebrated", "told", "said", "wants",
        "needs", "keeps", "pulled", "walked", "arrived", "developed", "complained", "reports", "denies", "got",
        "collapsed", "seized", "arrested", "survived", "beat", "made", "pushed", "gave", "thanked", "cried");

    private static readonly FrozenSet<string> StrongVerbsAfter = Words("presented", "presents", "coded", "died", "collapsed", "seized", "arrested");

    private static readonly FrozenSet<string> PossessedNouns = Words(
        "wife", "husband", "son", "daughter", "mom", "mum", "mother", "dad", "father", "sister", "brother", "family",
        "granddaughter", "grandson", "partner", "kids", "children", "chart", "story", "case", "biopsy", "scan", "labs",
        "results", "room", "bed", "records", "record", "page", "surgery", "diagnosis", "funeral", "licence", "license",
        "plate", "email", "phone", "number", "address", "mri", "ct", "x-ray", "xray", "ecg", "ekg", "son's",
        "daughter's", "wife's", "husband's", "birthday", "nurse", "cancer", "tumour", "tumor", "discharge");

    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.PersonName];

    public void Detect(TextContext context, List<Finding> findings)
    {
        var tokens = context.Tokens;
        var excluded = ExcludedTokens(context);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (excluded[i] || !Candidate(context, tokens[i]))
            {
                continue;
            }

            var end = RunEnd(context, excluded, i);
            var evidence = Evidence(context, i, end);
            if (evidence is null)
            {
                continue;
            }

            var first = tokens[i];
            var last = tokens[end];
            var start = first.Start;
            var length = last.Start + last.CoreLength - start;
            var text = context.Text.Substring(start, length);
            if (context.IsAllowed(text))
            {
                i = end;
                continue;
            }

            var inCase = context.InCaseStory(start);
            findings.Add(new Finding
            {
                Start = start,
                Length = length,
                Category = FindingCategory.PersonName,
                Severity = inCase ? Severity.High : Severity.Medium,
                Text = text,
                Reason = inCase
                    ? $"\"{text}\" looks like a patient's or relative's name ({evidence}) in a case story; a name is a direct identifier."
                    : $"\"{text}\" looks like a person's name ({evidence}); if this is a patient or their family, it identifies them.",
                Suggestion = "Leave the name out, or use a description such as \"a patient\" or \"her daughter\".",
                Replacement = "the patient",
                Rule = "name." + evidence.Split(' ')[0],
            });
            i = end;
        }
    }

    /// <summary>Returns why the run i..end is a name, or null when it is not.</summary>
    private static string? Evidence(TextContext context, int i, int end)
    {
        var tokens = context.Tokens;
        var lexicon = context.Lexicon;
        var text = context.Text;
        var first = tokens[i];
        var previous = i > 0 && OnlySpaceBetween(text, tokens[i - 1], first, allowPunctuation: ".,") ? tokens[i - 1] : (Token?)null;
        var previousWord = previous?.Value.TrimEnd('.');
        var inCase = context.InCaseStory(first.Start);
        var isKnownFirst = IsListed(lexicon.FirstNames, first.Core);
        var unknownWord = !lexicon.IsAmbiguousName(first.Core) && !IsListed(lexicon.EnglishWords, first.Core.ToLowerInvariant());
        var plausible = isKnownFirst || IsListed(lexicon.Surnames, first.Core) || unknownWord;

        if (previousWord is not null && (Titles.Contains(previousWord)
            || (context.Options.FlagIdentifiersOutsideCaseStories && ClinicianTitles.Contains(previousWord) && previous!.Value.IsCapitalised)))
        {
            return "after a title";
        }

        if (previousWord is not null && PersonNouns.Contains(previousWord) && plausible && !lexicon.IsNeverAName(first.Core))
        {
            return "after \"" + previousWord + "\"";
        }

        var afterPlacePreposition = previousWord is "in" or "from" or "near" or "outside";
        if (!plausible || lexicon.IsNeverAName(first.Core) || (IsListed(lexicon.Cities, first.Core) && !isKnownFirst)
            || (afterPlacePreposition && !isKnownFirst))
        {
            return null;
        }

        if (AgeFollows(text, tokens[end]))
        {
            return "followed by an age";
        }

        var last = tokens[end];
        if (last.IsPossessive && i + 1 + (end - i) < tokens.Count)
        {
            var next = tokens[end + 1];
            if (OnlySpaceBetween(text, last, next, allowPunctuation: "") && PossessedNouns.Contains(next.Value))
            {
                return "with \"'s " + next.Value + "\"";
            }
        }

        var after = end + 1 < tokens.Count && OnlySpaceBetween(text, last, tokens[end + 1], allowPunctuation: ",") ? tokens[end + 1].Value : null;
        var ambiguousStart = first.SentenceStart && lexicon.IsAmbiguousName(first.Core) && end == i;
        if (inCase && after is not null && (ambiguousStart ? StrongVerbsAfter.Contains(after) : VerbsAfter.Contains(after))
            && (isKnownFirst || unknownWord || end > i))
        {
            return "before \"" + after + "\"";
        }

        if (inCase && previousWord is not null && VerbsBefore.Contains(previousWord) && !ambiguousStart)
        {
            return "after \"" + previousWord + "\"";
        }

        if (!inCase)
        {
            return null;
        }

        if (end > i)
        {
            var second = tokens[i + 1].Core;
            if (isKnownFirst || (unknownWord && !IsListed(lexicon.EnglishWords, second.ToLowerInvariant())) || IsListed(lexicon.Surnames, second))
            {
                return "a given name and surname";
            }
        }

        if (isKnownFirst && !lexicon.IsAmbiguousName(first.Core) && !IsListed(lexicon.Cities, first.Core))
        {
            return "a given name";
        }

        if (isKnownFirst && !first.SentenceStart && !lexicon.IsNeverAName(first.Core))
        {
            return "a capitalised given name";
        }

        return null;
    }

    private static bool Candidate(TextContext context, Token token) =>
        token.IsCapitalised && token.CoreLength > 1 && !Lexicon.CommonCapitalised.Contains(token.Core)
        && !context.KnownNames.Contains(token.Core) && !PrecededBySigil(context.Text, token.Start);

    private static int RunEnd(TextContext context, bool[] excluded, int i)
    {
        var tokens = context.Tokens;
        var end = i;
        while (end + 1 < tokens.Count && end - i < 2 && !tokens[end].IsPossessive)
        {
            var next = tokens[end + 1];
            var eponymSurname = excluded[end + 1] && IsListed(context.Lexicon.FirstNames, tokens[i].Core)
                && IsListed(context.Lexicon.Eponyms, next.Core) && !FollowedByEponymWord(context, end + 1);
            if ((excluded[end + 1] && !eponymSurname) || !Candidate(context, next) || !OnlySpaceBetween(context.Text, tokens[end], next, allowPunctuation: "")
                || context.Lexicon.Regions.Contains(next.Core) || context.Lexicon.DrugsAndDevices.Contains(next.Core)
                || (context.Lexicon.Eponyms.Contains(next.Core) && FollowedByEponymWord(context, end + 1)))
            {
                break;
            }

            end++;
        }

        return end;
    }

    private static bool FollowedByEponymWord(TextContext context, int index)
    {
        var token = context.Tokens[index];
        if (token.IsPossessive)
        {
            return true;
        }

        return index + 1 < context.Tokens.Count && EponymNouns.Contains(context.Tokens[index + 1].Value);
    }

    private static readonly FrozenSet<string> EponymNouns = Words(
        "disease", "syndrome", "sign", "signs", "score", "criteria", "rule", "rules", "test", "manoeuvre", "maneuver",
        "fracture", "triad", "law", "reflex", "palsy", "classification", "scale", "catheter", "tube", "blade", "procedure",
        "operation", "type", "phenomenon", "disorder", "lymphoma", "sarcoma", "tumour", "tumor", "ulcer", "cyst");

    /// <summary>Tokens that are never the start of a patient name: famous people, clinicians after Dr/Prof,
    /// eponyms used as eponyms, drugs and devices.</summary>
    private static bool[] ExcludedTokens(TextContext context)
    {
        var tokens = context.Tokens;
        var lexicon = context.Lexicon;
        var excluded = new bool[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!context.Options.FlagIdentifiersOutsideCaseStories
                && ((ClinicianTitles.Contains(token.Value.TrimEnd('.')) && token.IsCapitalised) || token.Value is "Dr" or "DR" or "Prof"))
            {
                // Clinicians credited by title, and the names that follow.
                for (var j = i + 1; j < tokens.Count && j <= i + 3 && tokens[j].IsCapitalised
                     && OnlySpaceBetween(context.Text, tokens[j - 1], tokens[j], allowPunctuation: "."); j++)
                {
                    excluded[j] = true;
                    if (tokens[j].IsPossessive)
                    {
                        break;
                    }
                }

                continue;
            }

            // "St. Mary's" is a hospital, "Saint Luke" a church: the place detector has them.
            if (token.Value is "St" or "Saint" or "Ste" && i + 1 < tokens.Count)
            {
                excluded[i + 1] = true;
            }

            // Famous people: the longest listed phrase starting here (up to three words).
            for (var n = Math.Min(3, tokens.Count - i); n >= 1; n--)
            {
                var last = tokens[i + n - 1];
                var phrase = context.Text.Substring(token.Start, last.Start + last.CoreLength - token.Start);
                if (lexicon.FamousPeople.Contains(phrase) || context.KnownNames.Contains(phrase))
                {
                    for (var k = i; k < i + n; k++)
                    {
                        excluded[k] = true;
                    }

                    break;
                }
            }

            if (lexicon.DrugsAndDevices.Contains(token.Core) || (lexicon.Eponyms.Contains(token.Core) && FollowedByEponymWord(context, i))
                || IsListed(lexicon.Eponyms, token.Core) && !IsListed(lexicon.FirstNames, token.Core) && !PrecededByTitle(context, i))
            {
                excluded[i] = true;
            }
        }

        foreach (var citation in Citation().EnumerateMatches(context.Text))
        {
            for (var k = context.TokenAt(citation.Index); k < tokens.Count && tokens[k].Start < citation.Index + citation.Length; k++)
            {
                excluded[k] = true;
            }
        }

        return excluded;
    }

    // A reference in brackets with a year, e.g. "(Evans L, Crit Care Med 2021)": authors and journals, not patients.
    [GeneratedRegex(@"\([^()]{0,100}\b(?:19|20)\d{2}\b[^()]{0,40}\)", RegexOptions.CultureInvariant)]
    private static partial Regex Citation();

    private static bool PrecededByTitle(TextContext context, int i) =>
        i > 0 && (Titles.Contains(context.Tokens[i - 1].Value) || PersonNouns.Contains(context.Tokens[i - 1].Value));

    private static bool AgeFollows(string text, Token last)
    {
        var i = last.Start + last.Length;
        var limit = Math.Min(text.Length, i + 24);
        var rest = text.AsSpan(i, limit - i);
        // ", 45," ", 45-year-old" " (45)" ", a 45 yo" ", age 96" ", my 93-year-old"
        var trimmed = rest.TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != ',' && trimmed[0] != '('))
        {
            return false;
        }

        trimmed = trimmed[1..].TrimStart();
        foreach (var lead in (ReadOnlySpan<string>)["a ", "an ", "my ", "our ", "the ", "age ", "aged "])
        {
            if (trimmed.StartsWith(lead, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[lead.Length..].TrimStart();
                break;
            }
        }

        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        return digits is >= 1 and <= 3;
    }

    private static bool PrecededBySigil(string text, int start) => start > 0 && text[start - 1] is '#' or '@' or '/' or '.' or '_' or '[';

    internal static bool OnlySpaceBetween(string text, Token left, Token right, string allowPunctuation)
    {
        var seenSpace = 0;
        for (var i = left.End; i < right.Start; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                seenSpace++;
            }
            else if (!allowPunctuation.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return seenSpace <= 2 && right.Start - left.End <= 3;
    }

    internal static bool IsListed(FrozenSet<string> set, string word)
    {
        if (set.Contains(word))
        {
            return true;
        }

        // "José" against a list that spells it "Jose".
        var folded = FoldDiacritics(word);
        return !ReferenceEquals(folded, word) && set.Contains(folded);
    }

    internal static string FoldDiacritics(string word)
    {
        var ascii = true;
        foreach (var c in word)
        {
            if (c > 127)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return word;
        }

        var builder = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static FrozenSet<string> Words(params string[] words) => words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
