using System.Globalization;
using SoMeScholar.Core.People;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Where a figure came from: the kind of records or the analysis (<see cref="Source"/>), which ones
/// (<see cref="Records"/>), a link to them in the app when there is one, and when the figure was computed.
/// </summary>
public sealed record Provenance(string Source, string Records, string? Link, DateTime ComputedAt);

/// <summary>A number in a portfolio, with its display form and its provenance. <see cref="Key"/> is stable for scripts.</summary>
public sealed record Figure(string Key, string Label, double Value, string Display, Provenance Provenance)
{
    public static Figure Count(string key, string label, long value, Provenance provenance) =>
        new(key, label, value, value.ToString(CultureInfo.InvariantCulture), provenance);

    public static Figure Percent(string key, string label, double value, Provenance provenance) =>
        new(key, label, Math.Round(value, 1), Math.Round(value, 1).ToString("0.0", CultureInfo.InvariantCulture) + "%", provenance);
}

/// <summary>A named fact about an item that is not a number (licence, authors, badges...).</summary>
public sealed record Detail(string Label, string Value);

/// <summary>
/// One piece of evidence in a portfolio: a resource, a review given, an editorial role, a conference, a discussion
/// contribution, a mentee, a network measure. <see cref="Key"/> (<c>kind:id</c>) is how a dossier selects it.
/// <see cref="Series"/> holds per-item chart data (e.g. attention by month) that charts sum over the chosen items.
/// </summary>
public sealed record EvidenceItem(
    string Key,
    PortfolioSection Section,
    string Kind,
    string Title,
    string? Link,
    DateTime? Date,
    string Summary,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<Detail> Details,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Series)
{
    public double FigureValue(string key) => Figures.FirstOrDefault(f => f.Key == key)?.Value ?? 0;

    public string? DetailValue(string label) => Details.FirstOrDefault(d => d.Label == label)?.Value;
}

/// <summary>One line or set of bars; a missing value (no measure at that date) is null.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values);

/// <summary>A chart's data: labels on the x axis, one or more series, and where the numbers came from.</summary>
public sealed record PortfolioChart(string Key, string Title, string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, string Provenance);

/// <summary>A dated line of the timeline.</summary>
public sealed record TimelineEntry(DateTime Date, PortfolioSection Section, string ItemKey, string Title);

/// <summary>What one evidence source found for a person.</summary>
public sealed record SourceResult(IReadOnlyList<EvidenceItem> Items, IReadOnlyList<Figure> Totals);

public sealed record PortfolioSectionView(PortfolioSection Section, string Title, string Description, bool IsPublic, bool Visible, IReadOnlyList<EvidenceItem> Items, IReadOnlyList<Figure> Totals);

/// <summary>
/// A person's portfolio as one viewer may see it: sections the viewer may not see are listed with
/// <see cref="PortfolioSectionView.Visible"/> false and no items.
/// </summary>
public sealed record PersonPortfolio(
    Person Person,
    DateTime ComputedAt,
    DateTime? From,
    DateTime? To,
    bool CanManage,
    IReadOnlyList<PortfolioSectionView> Sections,
    IReadOnlyList<PortfolioChart> Charts,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public IEnumerable<EvidenceItem> VisibleItems => Sections.Where(s => s.Visible).SelectMany(s => s.Items);
}

/// <summary>The person whose evidence a source gathers, and the period (both ends optional; To is exclusive).</summary>
public sealed record PortfolioSubject(Person Person, IReadOnlyList<long> AccountIds, IReadOnlyList<string> UserIds, DateTime? From, DateTime? To, DateTime Now)
{
    public bool InPeriod(DateTime? date) => date is null ? From is null : (From is null || date >= From) && (To is null || date < To);
}

/// <summary>
/// One feature's evidence for a portfolio: a plain query over <see cref="Data.ScholarDb"/>. Each capability that
/// holds evidence adds one source in this folder when its tables exist; the builder asks every registered source.
/// </summary>
public interface IPortfolioSource
{
    PortfolioSection Section { get; }
    string Title { get; }
    string Description { get; }
    Task<SourceResult> GatherAsync(PortfolioSubject subject, CancellationToken cancellationToken);
}

/// <summary>Who is looking: a sign-in (and the person it is linked to) or a guest, and whether they administer.</summary>
public sealed record PortfolioViewer(string? UserId, long? PersonId, bool IsAdministrator)
{
    public static PortfolioViewer Guest { get; } = new(null, null, false);

    /// <summary>The command line acts as an administrator of the store it opens.</summary>
    public static PortfolioViewer CommandLine { get; } = new("cli", null, true);

    public bool CanManage(long personId) => IsAdministrator || (PersonId is { } own && own == personId);
}

public sealed class PortfolioAccessDeniedException(string message) : Exception(message);

public sealed class PortfolioNotFoundException(string message) : Exception(message);

public sealed class PortfolioRuleException(string message) : Exception(message);
