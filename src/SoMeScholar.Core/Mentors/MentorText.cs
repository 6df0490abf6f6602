using SoMeScholar.Core.Mentors.Recommendation;

namespace SoMeScholar.Core.Mentors;

/// <summary>How list fields are written in profiles and requests: topics one per line, hashtags and languages in a list.</summary>
public static class MentorText
{
    /// <summary>Topics from text: one per line (semicolons also separate), trimmed, empty lines and repeats dropped.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(['\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(t => t.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();

    public static string JoinLines(IEnumerable<string> items) => string.Join('\n', items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));

    /// <summary>Hashtags from "#POCUS, meded #FOAMed": folded, without '#', in order, without repeats.</summary>
    public static IReadOnlyList<string> Hashtags(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(TermAnalyzer.FoldTag)
                .Where(t => t.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList();

    public static string JoinHashtags(IEnumerable<string> tags) => string.Join(' ', tags.Select(TermAnalyzer.FoldTag).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Select(t => "#" + t));

    public static string JoinLanguages(IEnumerable<string> languages) => string.Join(',', languages.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal));

    /// <summary>"career, research" → Career | Research; unknown names are an error naming them.</summary>
    public static MentoringAreas ParseAreas(IEnumerable<string> names)
    {
        var areas = MentoringAreas.None;
        foreach (var name in names.SelectMany(n => n.Split([',', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse<MentoringAreas>(name, ignoreCase: true, out var area) || area == MentoringAreas.None || !Enum.IsDefined(area))
            {
                throw new MentorRuleException($"Unknown mentoring area '{name}': use career, research, clinical or education.");
            }

            areas |= area;
        }

        return areas;
    }

    public static IReadOnlyList<string> AreaNames(MentoringAreas areas) =>
        Enum.GetValues<MentoringAreas>().Where(a => a != MentoringAreas.None && areas.HasFlag(a)).Select(a => a.ToString().ToLowerInvariant()).ToList();
}

/// <summary>A mentoring rule was not met (full profile, blocked, already asked...). The message says which, for the person acting.</summary>
public sealed class MentorRuleException(string message) : InvalidOperationException(message);
