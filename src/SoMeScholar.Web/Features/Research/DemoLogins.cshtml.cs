using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>
/// For administrators of a demo installation: gives the demo study's team (and nobody else) new one-time passwords,
/// shown once, to be changed at first sign-in. The same as <c>somescholar research demo-logins</c>.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class DemoLoginsModel(ResearchDemoLogins logins) : PageModel
{
    public IReadOnlyList<DemoLogin> Logins { get; private set; } = [];
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            Logins = await logins.ResetAsync(cancellationToken);
        }
        catch (ResearchException e)
        {
            Error = e.Message;
        }

        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
