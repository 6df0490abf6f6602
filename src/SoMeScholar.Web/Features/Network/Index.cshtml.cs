using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Network;

namespace SoMeScholar.Web.Features.Network;

/// <summary>The network section: stored analyses with their status and live progress. Open like the archive.</summary>
[AllowAnonymous]
public sealed class IndexModel(NetworkAnalyses analyses, NetworkJobs jobs) : PageModel
{
    public IReadOnlyList<AnalysisSummary> Analyses { get; private set; } = [];

    public JobState? State(long id) => jobs.State(id);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Analyses = await analyses.ListAsync(0, 200, cancellationToken);
}
