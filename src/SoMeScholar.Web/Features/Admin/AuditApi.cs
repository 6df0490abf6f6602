using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Admin;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Administrator);
        group.MapGet("/", Export).WithSummary("The moderation audit log, newest first, as JSON (default) or CSV (?format=csv); filter by action, targetKind, targetId, from, to.");
        return app;
    }

    public static async Task<IResult> Export(AuditLog audit, HttpContext context, string? format, ModerationActionKind? action, ModerationTarget? targetKind, string? targetId, DateTime? from, DateTime? to, int? limit)
    {
        var entries = await audit.ListAsync(new AuditQuery(from?.ToUniversalTime(), to?.ToUniversalTime(), action, targetKind, targetId, limit ?? 10_000), context.RequestAborted);
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? Results.Text(AuditLog.ToCsv(entries), "text/csv")
            : Results.Text(AuditLog.ToJson(entries), "application/json");
    }
}
