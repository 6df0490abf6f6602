using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Archive;

namespace SoMeScholar.Web.Features.Archive;

/// <summary>One import run: what it read and stored, and its quarantined records with the offending text.</summary>
[AllowAnonymous]
public sealed class ImportModel(ImportHistory history) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ImportRun Run { get; private set; } = null!;
    public IReadOnlyList<QuarantinedRecord> Quarantine { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var run = await history.RunAsync(id, cancellationToken);
        if (run is null)
        {
            return NotFound();
        }

        Run = run;
        PageNumber = Math.Max(1, PageNumber);
        Quarantine = await history.QuarantineAsync(id, (PageNumber - 1) * PageSize, PageSize, cancellationToken);
        return Page();
    }
}
