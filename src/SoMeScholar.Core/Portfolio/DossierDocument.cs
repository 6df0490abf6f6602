namespace SoMeScholar.Core.Portfolio;

/// <summary>The person a dossier is about, as the export shows them.</summary>
public sealed record DossierPerson(long Id, string Name, string Slug, string? Profession, string? Specialty, string? Institution, bool IsSynthetic);

/// <summary>How one criterion stands in a dossier: <see cref="Status"/> is "met" or "not yet met", with the evidence that meets it.</summary>
public sealed record CriterionAssessment(string Id, string Framework, string Group, string Wording, string Citation, string Basis, string Status, IReadOnlyList<CriterionEvidence> Evidence)
{
    public bool Met => Evidence.Count > 0;
}

/// <summary>A row of the one-page summary a committee reads.</summary>
public sealed record SummaryRow(string Framework, string Group, string Criterion, string Status, int EvidenceCount, string Items);

/// <summary>
/// A dossier as exported (JSON schema <see cref="Schema"/>, documented in docs/portfolio.md) and rendered (HTML, PDF).
/// Everything a PDF shows is here, and everything here is in the PDF.
/// </summary>
public sealed record DossierDocument(
    string Schema,
    long? DossierId,
    string Title,
    DossierPerson Person,
    DateTime From,
    DateTime To,
    DateTime GeneratedAt,
    DateTime? DataAsOf,
    string? Narrative,
    IReadOnlyList<Figure> Totals,
    IReadOnlyList<EvidenceItem> Items,
    IReadOnlyList<CriterionAssessment> Criteria,
    IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<PortfolioChart> Charts,
    IReadOnlyList<string> Sources)
{
    public const string SchemaId = "somescholar-dossier/1";
}
