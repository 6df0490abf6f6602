using SoMeScholar.Core.Portfolio;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Portfolio;

/// <summary>
/// The portfolio as JSON (what the viewer may see: public sections for everyone, all of it for the person and
/// administrators), a dossier's JSON and PDF for its owner, and a shared dossier by its token for anyone holding it.
/// </summary>
public static class PortfolioApi
{
    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/portfolio").WithTags("Portfolio").AllowAnonymous();
        open.MapGet("/people/{slug}", Portfolio).WithSummary("A person's portfolio: the sections the viewer may see, charts and timeline; every figure with its provenance.");
        open.MapGet("/shared/{token}", Shared).WithSummary("A shared dossier's JSON; 404 once the link has expired or was revoked.");
        open.MapGet("/shared/{token}/pdf", SharedPdf).WithSummary("A shared dossier's PDF; 404 once the link has expired or was revoked.");

        var members = app.MapGroup("/api/portfolio").WithTags("Portfolio").RequireAuthorization(Policies.Member);
        members.MapGet("/dossiers/{id:long}", Dossier).WithSummary("A dossier's JSON export (schema somescholar-dossier/1, docs/portfolio.md); the person or an administrator.");
        members.MapGet("/dossiers/{id:long}/pdf", DossierPdf).WithSummary("A dossier as PDF, printed from its HTML by headless Chromium; the person or an administrator.");
        return app;
    }

    private static async Task<IResult> Portfolio(string slug, HttpContext context, PortfolioBuilder builder)
    {
        var portfolio = await builder.ForViewerAsync(slug, await PortfolioWeb.ViewerAsync(context), cancellationToken: context.RequestAborted);
        return portfolio is null
            ? Results.NotFound()
            : Results.Json(new
            {
                person = new { portfolio.Person.Id, portfolio.Person.DisplayName, portfolio.Person.Slug, portfolio.Person.IsSynthetic },
                portfolio.ComputedAt,
                sections = portfolio.Sections.Where(s => s.Visible).Select(s => new { s.Section, s.Title, s.IsPublic, s.Items, s.Totals }),
                portfolio.Charts,
                portfolio.Timeline,
            }, DossierJson.Options);
    }

    private static async Task<IResult> Dossier(long id, HttpContext context, Dossiers dossiers) =>
        await WithDossierAsync(context, dossiers, id, PortfolioWeb.Json);

    private static async Task<IResult> DossierPdf(long id, HttpContext context, Dossiers dossiers) =>
        await WithDossierAsync(context, dossiers, id, document => PortfolioWeb.PdfAsync(context, document));

    private static async Task<IResult> Shared(string token, HttpContext context, Dossiers dossiers) =>
        await dossiers.ResolveShareTokenAsync(token, context.RequestAborted) is { } dossier
            ? PortfolioWeb.Json(await dossiers.AssembleAsync(dossier, context.RequestAborted))
            : Results.NotFound();

    private static async Task<IResult> SharedPdf(string token, HttpContext context, Dossiers dossiers) =>
        await dossiers.ResolveShareTokenAsync(token, context.RequestAborted) is { } dossier
            ? await PortfolioWeb.PdfAsync(context, await dossiers.AssembleAsync(dossier, context.RequestAborted))
            : Results.NotFound();

    private static Task<IResult> WithDossierAsync(HttpContext context, Dossiers dossiers, long id, Func<DossierDocument, IResult> result) =>
        WithDossierAsync(context, dossiers, id, document => Task.FromResult(result(document)));

    private static async Task<IResult> WithDossierAsync(HttpContext context, Dossiers dossiers, long id, Func<DossierDocument, Task<IResult>> result)
    {
        try
        {
            var dossier = await dossiers.GetAsync(await PortfolioWeb.ViewerAsync(context), id, context.RequestAborted);
            return await result(await dossiers.AssembleAsync(dossier, context.RequestAborted));
        }
        catch (PortfolioNotFoundException)
        {
            return Results.NotFound();
        }
        catch (PortfolioAccessDeniedException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
    }
}
