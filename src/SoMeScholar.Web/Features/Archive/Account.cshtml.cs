using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Archive;

namespace SoMeScholar.Web.Features.Archive;

[AllowAnonymous]
public sealed class AccountModel(ArchiveOverview archive) : PageModel
{
    public AccountDetail Detail { get; private set; } = null!;
    public IReadOnlyList<PostSummary> Posts { get; private set; } = [];
    public string FollowersChart { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var detail = await archive.AccountAsync(id, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        Posts = await archive.RecentPostsAsync(30, id, cancellationToken);
        if (detail.Snapshots.Count > 1)
        {
            FollowersChart = JsonSerializer.Serialize(new
            {
                type = "line",
                data = new
                {
                    labels = detail.Snapshots.Select(s => s.ObservedAt.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)),
                    datasets = new[] { new { label = "Followers", data = detail.Snapshots.Select(s => s.Followers ?? 0), tension = 0.2 } },
                },
                options = new { responsive = true, maintainAspectRatio = false },
            });
        }

        return Page();
    }
}
