using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Resources;

namespace SoMeScholar.Web.Features.Uptake;

/// <summary>Knowledge-uptake reports ("I used this"), aggregated per resource and per author.</summary>
[AllowAnonymous]
public sealed class IndexModel(UptakeReporting uptake) : PageModel
{
    public IReadOnlyList<ResourceUptake> PerResource { get; private set; } = [];
    public IReadOnlyList<AuthorUptake> PerAuthor { get; private set; } = [];
    public IReadOnlyList<UptakeReport> Recent { get; private set; } = [];
    public UptakeSummary Overall { get; private set; } = UptakeSummary.Of([]);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PerResource = await uptake.PerResourceAsync(cancellationToken);
        PerAuthor = await uptake.PerAuthorAsync(cancellationToken);
        Recent = await uptake.RecentAsync(15, cancellationToken);
        Overall = new UptakeSummary(
            PerResource.Sum(r => r.Summary.Reports),
            PerResource.Sum(r => r.Summary.Audience),
            Enum.GetValues<UptakeType>().ToDictionary(t => t, t => PerResource.Sum(r => r.Summary.ByType[t])),
            Enum.GetValues<KtaPhase>().ToDictionary(p => p, p => PerResource.Sum(r => r.Summary.ByPhase[p])));
    }
}
