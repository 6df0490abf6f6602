using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Portfolio;

/// <summary>How pages and endpoints learn who is looking, and how charts and exports leave the app.</summary>
public static class PortfolioWeb
{
    public static async Task<PortfolioViewer> ViewerAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return PortfolioViewer.Guest;
        }

        var db = context.RequestServices.GetRequiredService<ScholarDb>();
        var personId = await db.Users.Where(u => u.Id == id).Select(u => u.PersonId).FirstOrDefaultAsync(context.RequestAborted);
        return new PortfolioViewer(id, personId, user.IsInRole(Roles.Administrator));
    }

    /// <summary>A Chart.js configuration for <c>&lt;canvas data-chart&gt;</c> (site.js draws it).</summary>
    public static string ChartJs(PortfolioChart chart) => JsonSerializer.Serialize(new
    {
        type = chart.Type,
        data = new
        {
            labels = chart.Labels,
            datasets = chart.Series.Select(s => new { label = s.Label, data = s.Values, spanGaps = true, fill = false }),
        },
        options = new
        {
            responsive = true,
            maintainAspectRatio = false,
            plugins = new { legend = new { display = chart.Series.Count > 1 }, title = new { display = false } },
            scales = new { y = new { beginAtZero = chart.Key != "rank", reverse = chart.Key == "rank" } },
        },
    });

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static string FileName(DossierDocument dossier, string extension) =>
        $"dossier-{dossier.Person.Slug}-{dossier.From:yyyyMMdd}-{dossier.To:yyyyMMdd}.{extension}";

    /// <summary>The PDF of a dossier, or a 503 naming the package to install when Chromium is missing.</summary>
    public static async Task<IResult> PdfAsync(HttpContext context, DossierDocument dossier)
    {
        try
        {
            var bytes = await context.RequestServices.GetRequiredService<ChromiumPdf>().RenderAsync(DossierHtml.Document(dossier, BaseUrl(context.Request)), context.RequestAborted);
            return Results.File(bytes, "application/pdf", FileName(dossier, "pdf"));
        }
        catch (ChromiumMissingException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export unavailable");
        }
    }

    public static IResult Json(DossierDocument dossier) =>
        Results.Text(DossierJson.Serialize(dossier), "application/json", System.Text.Encoding.UTF8);
}
