using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Places smaller than a state near a case story: named hospitals ("St. Mary's", "Mercy General Hospital",
/// "Lakeview Regional"), units and beds ("bay 4", "Ward 7B", "room 304"), street addresses, and cities from the
/// lists or after "in/from/near" when capitalised and not an English word. States, provinces and countries are
/// larger than Safe Harbor's limit and are never flagged; nor is a hospital or city named with no patient near.
/// </summary>
internal sealed partial class PlaceDetector : IDetector
{
    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.Place];

    public void Detect(TextContext context, List<Finding> findings)
    {
        var text = context.Text;
        Add(context, findings, Hospital(), "place.hospital", Severity.Medium,
            "names a hospital or clinic in a case story; with a date or age it can identify the patient.", "a hospital");
        Add(context, findings, Unit(), "place.unit", Severity.Low,
            "locates the patient in a unit, bed or bay; staff on that shift know who it was.", "a bed");
        Add(context, findings, Street(), "place.street", Severity.High,
            "is a street or address, which can lead straight to the patient's home.", "a street");

        // Cities: listed names (after a preposition or followed by a clinic word unless unambiguous), and
        // capitalised unknown words after in/from/near.
        var lexicon = context.Lexicon;
        var tokens = context.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsCapitalised || !context.InCaseStory(token.Start) || i > 0 && text[token.Start - 1] is '#' or '@')
            {
                continue;
            }

            // Two-word city names first ("Ann Arbor", "Cape Town").
            var length = token.CoreLength;
            var name = token.Core;
            if (i + 1 < tokens.Count && NameDetector.OnlySpaceBetween(text, token, tokens[i + 1], "") && tokens[i + 1].IsCapitalised)
            {
                var two = text.Substring(token.Start, tokens[i + 1].Start + tokens[i + 1].CoreLength - token.Start);
                if (lexicon.Cities.Contains(two))
                {
                    name = two;
                    length = two.Length;
                }
                else if (lexicon.Regions.Contains(two))
                {
                    i++;
                    continue;
                }
            }

            if (lexicon.Regions.Contains(name) || context.IsAllowed(name))
            {
                continue;
            }

            var previous = i > 0 && NameDetector.OnlySpaceBetween(text, tokens[i - 1], token, "") ? tokens[i - 1].Value : null;
            var afterPreposition = previous is not null && Prepositions.Contains(previous);
            var listed = NameDetector.IsListed(lexicon.Cities, name);
            var isWord = lexicon.EnglishWords.Contains(name.ToLowerInvariant()) || Lexicon.CommonCapitalised.Contains(name)
                || lexicon.IsKnownName(name) || lexicon.DrugsAndDevices.Contains(name) || lexicon.Eponyms.Contains(name);
            var followedByPlaceWord = i + 1 < tokens.Count && PlaceWords.Contains(tokens[i + 1].Value);
            var isCity = listed ? afterPreposition || followedByPlaceWord || !isWord
                : afterPreposition && !isWord && token.Core.Length > 2 && !token.IsAllCaps;
            if (!isCity)
            {
                continue;
            }

            findings.Add(new Finding
            {
                Start = token.Start,
                Length = length,
                Category = FindingCategory.Place,
                Severity = Severity.Low,
                Text = text.Substring(token.Start, length),
                Reason = $"\"{text.Substring(token.Start, length)}\" is a town or city in a case story; Safe Harbor allows no place smaller than a state.",
                Suggestion = "Name the state or region, or leave the place out.",
                Replacement = "a nearby town",
                Rule = listed ? "place.city" : "place.city-unlisted",
            });
        }
    }

    private static void Add(TextContext context, List<Finding> findings, Regex regex, string rule, Severity severity, string reason, string replacement)
    {
        foreach (var match in regex.EnumerateMatches(context.Text))
        {
            var value = context.Text.Substring(match.Index, match.Length);
            if (!context.InCaseStory(match.Index) || context.IsAllowed(value))
            {
                continue;
            }

            findings.Add(new Finding
            {
                Start = match.Index,
                Length = match.Length,
                Category = FindingCategory.Place,
                Severity = severity,
                Text = value,
                Reason = $"\"{value}\" {reason}",
                Suggestion = "Leave out where it happened, or use a general description such as \"" + replacement + "\".",
                Replacement = replacement,
                Rule = rule,
            });
        }
    }

    private static readonly HashSet<string> Prepositions = new(StringComparer.OrdinalIgnoreCase) { "in", "from", "near", "outside", "around" };

    private static readonly HashSet<string> PlaceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "clinic", "ED", "ER", "hospital", "restaurant", "school", "area", "suburb", "downtown", "county", "shelter", "jail",
    };

    private const string Cap = @"\p{Lu}[\p{L}\p{M}'’\-]*";

    [GeneratedRegex(
        @"(?:\b(?:St\.?|Saint|Mount|Mt\.?)\s+" + Cap + @"(?:\s+" + Cap + @")?(?:\s+(?:Hospital|Medical\s+Cent(?:er|re)|Clinic|ICU|ED|NICU|Infirmary|General|Regional))?" +
        @"|\b(?:" + Cap + @"\s+){1,3}(?:Hospital|Medical\s+Cent(?:er|re)|Health\s+Cent(?:er|re)|Infirmary|General|Regional|Memorial|Children's|Children’s|Clinic)(?:\s+(?:Hospital|ICU|ED|ER|NICU|PICU))?\b" +
        @"|\bMemorial\s+" + Cap +
        @"|\b(?:County|City)\s+(?:General|Hospital)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Hospital();

    [GeneratedRegex(
        @"\b(?i:(?:trauma\s+|resus\s+)?bay|bed|room|rm|cubicle|cubie|pod|resus|stall|ward|unit|floor|pavilion|wing)\s*#?\s*(?:\d{1,4}[A-Z]?|[A-Z]\d{1,3})\b(?!\s*(?i:mg|ml|%|patients|beds|rooms|minutes|min|hours|days|weeks))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Unit();

    [GeneratedRegex(
        @"\b\d{1,5}\s+(?:[NSEW]\.?\s+)?(?:\p{Lu}[\p{L}]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Highway|Hwy|Parkway|Pkwy|Circle|Cir)\b\.?" +
        @"|\b(?:\p{Lu}[\p{L}]*\s+){1,2}(?:Street|Avenue|Road|Boulevard|Lane|Drive|Terrace|Parkway)\b" +
        @"|\bcorner\s+of\s+\S+\s+(?:and|&)\s+\p{Lu}[\p{L}]*" +
        @"|\b(?:Route|Highway|Hwy|Interstate|I-|exit)\s?\d{1,3}\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Street();
}
