using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Archive;

namespace SoMeScholar.Web.Features.Archive;

[AllowAnonymous]
public sealed class IndexModel(ArchiveOverview archive) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "accounts")]
    public string? AccountQuery { get; set; }

    public ArchiveTotals Totals { get; private set; } = null!;
    public IReadOnlyList<ImportRun> Runs { get; private set; } = [];
    public IReadOnlyList<PostSummary> Posts { get; private set; } = [];
    public IReadOnlyList<AccountListItem> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Totals = await archive.TotalsAsync(cancellationToken);
        Runs = await archive.ImportRunsAsync(15, cancellationToken);
        Posts = string.IsNullOrWhiteSpace(Query)
            ? await archive.RecentPostsAsync(25, cancellationToken: cancellationToken)
            : await archive.SearchPostsAsync(Query, 50, cancellationToken);
        Accounts = await archive.SearchAccountsAsync(AccountQuery, 25, cancellationToken);
    }
}
