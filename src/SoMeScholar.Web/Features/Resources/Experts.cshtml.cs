using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Resources;

namespace SoMeScholar.Web.Features.Resources;

/// <summary>Verified experts (public list); administrators grant and revoke the flag, and the grant records who gave it.</summary>
[AllowAnonymous]
public sealed class ExpertsModel(Endorsements endorsements) : PageModel
{
    public IReadOnlyList<VerifiedExpert> Experts { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => Experts = await endorsements.ExpertsAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostGrantAsync(string? userName, string? field) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            var expert = await endorsements.GrantExpertAsync(actor, userName ?? "", field, HttpContext.RequestAborted);
            Message = $"{expert.ExpertName} is a verified expert.";
            return RedirectToPage();
        }, message =>
        {
            Message = message;
            return RedirectToPage();
        });

    public async Task<IActionResult> OnPostRevokeAsync(long id) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            await endorsements.RevokeExpertAsync(actor, id, HttpContext.RequestAborted);
            Message = "Flag revoked.";
            return RedirectToPage();
        }, message => RedirectToPage());
}
