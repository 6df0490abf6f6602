using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Portfolio;

/// <summary>A dossier for its owner (or an administrator): the dossier itself, its PDF and JSON, and its share links.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class DossierModel(Dossiers dossiers, TimeProvider clock) : PageModel
{
    public Dossier Dossier { get; private set; } = null!;
    public DossierDocument Document { get; private set; } = null!;
    public IHtmlContent Html { get; private set; } = HtmlString.Empty;
    public IReadOnlyList<ShareLinkView> Links { get; private set; } = [];

    [TempData]
    public string? NewLink { get; set; }

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public int ExpiresInDays { get; set; } = 30;

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(async viewer =>
        {
            await LoadAsync(viewer, id, cancellationToken);
            return Page();
        });

    public Task<IActionResult> OnGetJsonAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(async viewer =>
        {
            await LoadAsync(viewer, id, cancellationToken);
            return File(System.Text.Encoding.UTF8.GetBytes(DossierJson.Serialize(Document)), "application/json", PortfolioWeb.FileName(Document, "json"));
        });

    public Task<IActionResult> OnGetPrintAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(async viewer =>
        {
            await LoadAsync(viewer, id, cancellationToken);
            return Content(DossierHtml.Document(Document, PortfolioWeb.BaseUrl(Request)), "text/html; charset=utf-8");
        });

    public Task<IActionResult> OnGetPdfAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(async viewer =>
        {
            await LoadAsync(viewer, id, cancellationToken);
            return new ResultAdapter(await PortfolioWeb.PdfAsync(HttpContext, Document));
        });

    public Task<IActionResult> OnPostShareAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(async viewer =>
        {
            var expires = clock.GetUtcNow().UtcDateTime.AddDays(Math.Clamp(ExpiresInDays, 1, 365));
            var (_, token) = await dossiers.CreateShareLinkAsync(viewer, id, expires, cancellationToken);
            NewLink = $"{PortfolioWeb.BaseUrl(Request)}/Portfolio/Shared/{token}";
            return RedirectToPage(new { id });
        });

    public Task<IActionResult> OnPostRevokeAsync(long id, long linkId, CancellationToken cancellationToken) =>
        RunAsync(async viewer =>
        {
            await dossiers.RevokeShareLinkAsync(viewer, linkId, cancellationToken);
            Message = "The link is revoked: it shows nothing from now on.";
            return RedirectToPage(new { id });
        });

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(async viewer =>
        {
            var dossier = await dossiers.GetAsync(viewer, id, cancellationToken);
            await dossiers.DeleteAsync(viewer, id, cancellationToken);
            return Redirect($"/Portfolio/{dossier.Person!.Slug}");
        });

    private async Task LoadAsync(PortfolioViewer viewer, long id, CancellationToken cancellationToken)
    {
        Dossier = await dossiers.GetAsync(viewer, id, cancellationToken);
        Document = await dossiers.AssembleAsync(Dossier, cancellationToken);
        Html = new HtmlString(DossierHtml.Body(Document, null));
        Links = await dossiers.ShareLinksAsync(viewer, id, cancellationToken);
    }

    private async Task<IActionResult> RunAsync(Func<PortfolioViewer, Task<IActionResult>> action)
    {
        try
        {
            return await action(await PortfolioWeb.ViewerAsync(HttpContext));
        }
        catch (PortfolioNotFoundException)
        {
            return NotFound();
        }
        catch (PortfolioAccessDeniedException)
        {
            return Forbid();
        }
        catch (PortfolioRuleException e)
        {
            Message = e.Message;
            return RedirectToPage();
        }
    }

    /// <summary>Lets a page handler return a minimal-API result (the shared PDF path).</summary>
    private sealed class ResultAdapter(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
