using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Portfolio;

namespace SoMeScholar.Web.Features.Portfolio;

/// <summary>A dossier opened by a share link: read-only, for anyone with the link until it expires or is revoked; then nothing but a 404.</summary>
[AllowAnonymous]
public sealed class SharedModel(Dossiers dossiers) : PageModel
{
    public DossierDocument Document { get; private set; } = null!;
    public IHtmlContent Html { get; private set; } = HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (await dossiers.ResolveShareTokenAsync(token, cancellationToken) is not { } dossier)
        {
            return NotFound();
        }

        Document = await dossiers.AssembleAsync(dossier, cancellationToken);
        Html = new HtmlString(DossierHtml.Body(Document, null));
        return Page();
    }
}
