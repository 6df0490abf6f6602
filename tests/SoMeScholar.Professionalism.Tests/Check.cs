namespace SoMeScholar.Professionalism.Tests;

/// <summary>Helpers that keep the specification tests short.</summary>
internal static class Check
{
    public static IReadOnlyList<Finding> Findings(string text, CheckOptions? options = null) =>
        ProfessionalismChecker.Check(text, options).Findings;

    public static IReadOnlyList<string> Flagged(string text, FindingCategory category, CheckOptions? options = null) =>
        Findings(text, options).Where(f => f.Category == category).Select(f => f.Text).ToList();

    public static void Flags(string text, FindingCategory category, string expected)
    {
        var flagged = Flagged(text, category);
        Assert.True(flagged.Any(f => f.Contains(expected, StringComparison.Ordinal) || expected.Contains(f, StringComparison.Ordinal)),
            $"expected {category} \"{expected}\" in: {text}\nfound: {string.Join(" | ", Findings(text).Select(f => $"{f.Category}:{f.Text}"))}");
    }

    public static void DoesNotFlag(string text, FindingCategory category) =>
        Assert.True(Flagged(text, category).Count == 0,
            $"expected no {category} in: {text}\nfound: {string.Join(" | ", Flagged(text, category))}");

    public static void FlagsNothing(string text) =>
        Assert.True(Findings(text).Count == 0, $"expected nothing in: {text}\nfound: {string.Join(" | ", Findings(text).Select(f => $"{f.Category}:{f.Text}"))}");
}
