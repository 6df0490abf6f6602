using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Reviews;

namespace SoMeScholar.Web.Features.Resources;

/// <summary>The review instruments with their items, anchors, cut-offs, citations and what was verified. Administrators add local ones.</summary>
[AllowAnonymous]
public sealed class InstrumentsModel(InstrumentCatalog catalog) : PageModel
{
    public IReadOnlyList<InstrumentInfo> Instruments { get; private set; } = [];

    [BindProperty]
    public string? Definition { get; set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["InstrumentMessage"] as string;
        Instruments = await catalog.ListAsync(cancellationToken: HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            var json = Definition;
            if (file is { Length: > 0 and < 1_000_000 })
            {
                using var reader = new StreamReader(file.OpenReadStream());
                json = await reader.ReadToEndAsync(HttpContext.RequestAborted);
            }

            var info = await catalog.AddAsync(actor, json ?? "", HttpContext.RequestAborted);
            Message = $"Added {info.Name} version {info.Version}.";
            Instruments = await catalog.ListAsync(cancellationToken: HttpContext.RequestAborted);
            return Page();
        }, message =>
        {
            TempData["InstrumentMessage"] = message;
            return RedirectToPage();
        });

    public async Task<IActionResult> OnPostActiveAsync(long id, bool active) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            await catalog.SetActiveAsync(actor, id, active, HttpContext.RequestAborted);
            return RedirectToPage();
        }, message => RedirectToPage());
}
