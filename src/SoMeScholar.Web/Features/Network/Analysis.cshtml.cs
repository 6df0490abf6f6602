using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Network;
using SoMeScholar.Graph.Influence;
using SoMeScholar.Graph.Metrics;

namespace SoMeScholar.Web.Features.Network;

/// <summary>
/// One analysis: provenance (inputs, parameters, software version, fingerprint), downloads, the interactive graph view,
/// the sortable metrics table and the influencer overlap. Open like the archive.
/// </summary>
[AllowAnonymous]
public sealed class AnalysisModel(NetworkAnalyses analyses, NetworkInfluencers influencers, NetworkJobs jobs) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; } = true;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public int K { get; set; } = 100;

    [BindProperty(SupportsGet = true)]
    public string? Ties { get; set; }

    [BindProperty(SupportsGet = true, Name = "im")]
    public string? InfluencerMeasures { get; set; }

    public NetworkAnalysis Analysis { get; private set; } = null!;
    public IReadOnlyList<Measure> Measures { get; private set; } = [];
    public MetricsPage? Metrics { get; private set; }
    public Measure? SortMeasure { get; private set; }
    public InfluencerReport? Influencers { get; private set; }
    public string? InfluencerError { get; private set; }
    public JobState? State { get; private set; }

    /// <summary>Measures a node can be sized by (not community labels).</summary>
    public IEnumerable<Measure> SizeMeasures => Measures.Where(m => !NetworkAnalyses.IsWhole(m) || m == Measure.KCore);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await analyses.GetAsync(Id, cancellationToken) is not { } analysis)
        {
            return NotFound();
        }

        Analysis = analysis;
        Measures = NetworkAnalyses.MeasuresOf(analysis);
        State = jobs.State(Id);
        if (analysis.Status != AnalysisStatus.Completed)
        {
            return Page();
        }

        SortMeasure = Sort is not null && MeasureNames.TryParse(Sort, out var sort) && Measures.Contains(sort) ? sort
            : Measures.Contains(Measure.PageRank) ? Measure.PageRank : Measures.Count > 0 ? Measures[0] : null;
        PageNumber = Math.Max(1, PageNumber);
        Metrics = await analyses.MetricsPageAsync(Id, SortMeasure, Desc, Search, (PageNumber - 1) * PageSize, PageSize, cancellationToken);

        var chosen = InfluencerChoice();
        if (chosen.Count > 0)
        {
            try
            {
                var rule = string.IsNullOrWhiteSpace(Ties) ? TieRule.IdOrder : InfluencerReport.ParseTieRule(Ties);
                Influencers = await influencers.InfluencersOfAsync(Id, Math.Clamp(K, 1, Math.Max(1, analysis.NodeCount)), chosen, rule, cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or NetworkAnalysisException)
            {
                InfluencerError = e.Message;
            }
        }

        return Page();
    }

    /// <summary>The measures compared: the ones asked for, else Riddell et al.'s (in-degree, eigenvector, betweenness) the analysis holds, else its first three numeric ones.</summary>
    private List<Measure> InfluencerChoice()
    {
        if (!string.IsNullOrWhiteSpace(InfluencerMeasures))
        {
            try
            {
                return MeasureNames.ParseList(InfluencerMeasures).Where(Measures.Contains).ToList();
            }
            catch (ArgumentException e)
            {
                InfluencerError = e.Message;
                return [];
            }
        }

        var riddell = InfluencerReport.DefaultMeasures.Where(Measures.Contains).ToList();
        return riddell.Count >= 2 ? riddell : SizeMeasures.Take(3).ToList();
    }

    public string SortLink(Measure measure) =>
        $"/Network/Analysis/{Id}?sort={MeasureNames.Name(measure)}&desc={(SortMeasure == measure ? (!Desc).ToString().ToLowerInvariant() : "true")}&q={Uri.EscapeDataString(Search ?? "")}#metrics";

    public string PageLink(int page) =>
        $"/Network/Analysis/{Id}?sort={(SortMeasure is { } s ? MeasureNames.Name(s) : "")}&desc={Desc.ToString().ToLowerInvariant()}&q={Uri.EscapeDataString(Search ?? "")}&page={page}#metrics";

    public static string Format(Measure measure, double? value) => value switch
    {
        null => "",
        { } v when NetworkAnalyses.IsWhole(measure) || measure is Measure.InDegree or Measure.OutDegree or Measure.Degree => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        { } v => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>An SVG text element (Razor reserves the &lt;text&gt; tag), its content HTML-encoded.</summary>
    public static HtmlString SvgText(double x, double y, string text, string? cssClass = null) => new(string.Create(CultureInfo.InvariantCulture,
        $"<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" dominant-baseline=\"middle\"{(cssClass is null ? "" : $" class=\"{cssClass}\"")}>{HtmlEncoder.Default.Encode(text)}</text>"));

    /// <summary>Where each region's count goes in the two- or three-circle overlap diagram.</summary>
    public static (double X, double Y)? RegionPosition(IReadOnlyList<string> all, IReadOnlyList<string> region)
    {
        var mask = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (region.Contains(all[i]))
            {
                mask |= 1 << i;
            }
        }

        return all.Count switch
        {
            2 => mask switch { 1 => (105, 125), 2 => (295, 125), 3 => (200, 125), _ => null },
            3 => mask switch { 1 => (110, 95), 2 => (290, 95), 4 => (200, 245), 3 => (200, 80), 5 => (140, 175), 6 => (260, 175), 7 => (200, 140), _ => null },
            _ => null,
        };
    }
}
