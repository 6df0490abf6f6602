using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Profanity and slurs from the LDNOOBW list (less its clinical vocabulary: "rectum" is not profanity in a medical
/// post), insults and derogatory slang about patients ("frequent flyer", "gomer", "drug seeker"), and
/// "adjective + group" insults about patients or colleagues ("lazy nurses", "dumb patient"). Words match whole,
/// case-insensitively; phrases match word by word.
/// </summary>
internal sealed partial class LanguageDetector : IDetector
{
    private static readonly FrozenSet<string> Insulting = new[]
    {
        "lazy", "stupid", "dumb", "useless", "incompetent", "idiotic", "moronic", "crazy", "whiny", "whiney", "entitled",
        "fat", "ugly", "pathetic", "worthless", "clueless", "hysterical", "demented", "psycho", "lame", "retarded",
        "nutty", "nut-job", "drunk", "filthy", "smelly", "annoying", "dramatic",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Groups = new[]
    {
        "nurse", "nurses", "resident", "residents", "intern", "interns", "doctor", "doctors", "docs", "surgeon", "surgeons",
        "attending", "attendings", "consultant", "consultants", "patient", "patients", "pt", "pts", "lady", "ladies", "guy",
        "guys", "man", "woman", "old", "parents", "parent", "family", "families", "mom", "mother", "dad", "students",
        "student", "med", "hospitalists", "hospitalist", "radiologists", "anesthesiologists", "techs", "staff", "admin",
        "people", "addict", "addicts", "drunks", "junkie", "kid", "kids", "teenager", "granny", "geezer", "frequent",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.Profanity, FindingCategory.Slur, FindingCategory.Derogatory];

    public void Detect(TextContext context, List<Finding> findings)
    {
        var lexicon = context.Lexicon;
        var text = context.Text;
        var words = Words(text);
        var maxWords = lexicon.LongestPhraseWords;
        for (var i = 0; i < words.Count; i++)
        {
            // Longest phrase first, so "carpet muncher" wins over "carpet".
            var matched = false;
            for (var n = Math.Min(maxWords, words.Count - i); n >= 1 && !matched; n--)
            {
                var start = words[i].Index;
                var end = words[i + n - 1].Index + words[i + n - 1].Length;
                if (n > 1 && !SingleSpaced(text, words, i, n))
                {
                    continue;
                }

                var phrase = text.Substring(start, end - start);
                if (context.IsAllowed(phrase))
                {
                    matched = true;
                    break;
                }

                var category = lexicon.Slurs.Contains(phrase) ? FindingCategory.Slur
                    : lexicon.Profanity.Contains(phrase) || context.IsDenied(phrase) ? FindingCategory.Profanity
                    : lexicon.Derogatory.Contains(phrase) ? FindingCategory.Derogatory
                    : (FindingCategory?)null;
                if (category is null)
                {
                    continue;
                }

                findings.Add(Make(context, start, end - start, category.Value, "language.list"));
                i += n - 1;
                matched = true;
            }

            if (matched || i + 1 >= words.Count || !Insulting.Contains(text.Substring(words[i].Index, words[i].Length)))
            {
                continue;
            }

            // "lazy nurses", "dumb patient", "crazy lady", "whiny parents"
            var next = words[i + 1];
            if (SingleSpaced(text, words, i, 2) && Groups.Contains(text.Substring(next.Index, next.Length)))
            {
                var start = words[i].Index;
                findings.Add(Make(context, start, next.Index + next.Length - start, FindingCategory.Derogatory, "language.insult-group"));
                i++;
            }
        }
    }

    private static Finding Make(TextContext context, int start, int length, FindingCategory category, string rule)
    {
        var text = context.Text.Substring(start, length);
        return new Finding
        {
            Start = start,
            Length = length,
            Category = category,
            Severity = category switch
            {
                FindingCategory.Slur => Severity.High,
                FindingCategory.Derogatory => Severity.Medium,
                _ => Severity.Low,
            },
            Text = text,
            Reason = category switch
            {
                FindingCategory.Slur => $"\"{text}\" is a slur; it demeans people for who they are and has no place in a professional post.",
                FindingCategory.Derogatory => $"\"{text}\" labels a patient or colleague instead of describing a problem; the public and the people described read it as contempt.",
                _ => $"\"{text}\" is profanity; patients and colleagues read professional accounts, and posts last.",
            },
            Suggestion = category switch
            {
                FindingCategory.Slur => "Remove the slur. If you are quoting someone to report it, say so without repeating the word.",
                FindingCategory.Derogatory => "Describe the situation or behaviour instead, e.g. \"a patient who often visits the ED\".",
                _ => "Rephrase without the profanity.",
            },
            Rule = rule,
        };
    }

    private static bool SingleSpaced(string text, List<(int Index, int Length)> words, int i, int n)
    {
        for (var k = i + 1; k < i + n; k++)
        {
            var gap = words[k].Index - (words[k - 1].Index + words[k - 1].Length);
            if (gap != 1 || text[words[k].Index - 1] is not (' ' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static List<(int Index, int Length)> Words(string text)
    {
        var words = new List<(int Index, int Length)>();
        foreach (var match in Word().EnumerateMatches(text))
        {
            words.Add((match.Index, match.Length));
        }

        return words;
    }

    // Words for the language lists: letters, digits, inner apostrophes; "&" for "s&m"; the 🖕 emoji on its own.
    [GeneratedRegex(@"[\p{L}\p{Nd}]+(?:['’&][\p{L}\p{Nd}]+)*|🖕", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
