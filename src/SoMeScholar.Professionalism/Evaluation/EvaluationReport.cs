using System.Globalization;
using System.Text;

namespace SoMeScholar.Professionalism.Evaluation;

/// <summary>Scores for one category (or a group of categories).</summary>
/// <param name="Name">The category name, or a group such as "identifiers (all)".</param>
/// <param name="Labelled">Labelled spans.</param>
/// <param name="Found">Findings of the category.</param>
/// <param name="Recalled">Labelled spans overlapped by a finding of the same category.</param>
/// <param name="Correct">Findings that overlap a labelled span of the same category.</param>
public sealed record CategoryScore(string Name, int Labelled, int Found, int Recalled, int Correct)
{
    /// <summary>Correct / Found; 1 when nothing was found.</summary>
    public double Precision => Found == 0 ? 1 : (double)Correct / Found;

    /// <summary>Recalled / Labelled; 1 when nothing was labelled.</summary>
    public double Recall => Labelled == 0 ? 1 : (double)Recalled / Labelled;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>A finding with no labelled span under it, or a labelled span no finding covered.</summary>
public sealed record EvaluationError(string TextId, FindingCategory Category, string Text, bool Missed);

/// <summary>The result of <see cref="Evaluator.Run"/>.</summary>
public sealed record EvaluationReport(
    int Texts,
    IReadOnlyList<CategoryScore> Categories,
    CategoryScore Identifiers,
    CategoryScore Content,
    CategoryScore Overall,
    IReadOnlyList<EvaluationError> Errors)
{
    public CategoryScore this[FindingCategory category] =>
        Categories.FirstOrDefault(c => c.Name == category.ToString()) ?? new CategoryScore(category.ToString(), 0, 0, 0, 0);

    /// <summary>A fixed-width table: category, labelled, found, precision, recall, F1.</summary>
    public string ToTable()
    {
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"{"category",-22} {"labelled",8} {"found",6} {"precision",9} {"recall",7} {"F1",6}");
        foreach (var row in Categories.Append(Identifiers).Append(Content).Append(Overall))
        {
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Name,-22} {row.Labelled,8} {row.Found,6} {row.Precision,9:0.000} {row.Recall,7:0.000} {row.F1,6:0.000}");
        }

        return builder.ToString();
    }

    /// <summary>The same table in Markdown, for docs.</summary>
    public string ToMarkdown()
    {
        var builder = new StringBuilder();
        builder.AppendLine("| category | labelled | found | precision | recall | F1 |");
        builder.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in Categories.Append(Identifiers).Append(Content).Append(Overall))
        {
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Labelled} | {row.Found} | {row.Precision:0.000} | {row.Recall:0.000} | {row.F1:0.000} |");
        }

        return builder.ToString();
    }
}
