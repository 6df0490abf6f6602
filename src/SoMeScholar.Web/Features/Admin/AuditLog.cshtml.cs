using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Admin;

/// <summary>The append-only moderation audit log, filtered, and exported as CSV or JSON.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AuditLogModel(AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ModerationActionKind? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public ModerationTarget? TargetKind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? TargetId { get; set; }

    public IReadOnlyList<ModerationAction> Entries { get; private set; } = [];

    private AuditQuery Query(int limit) => new(Action: Action, TargetKind: TargetKind, TargetId: TargetId, Limit: limit);

    public async Task OnGetAsync() => Entries = await audit.ListAsync(Query(500), HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetExportAsync(string format = "csv")
    {
        var entries = await audit.ListAsync(Query(100_000), HttpContext.RequestAborted);
        return string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
            ? File(Encoding.UTF8.GetBytes(AuditLog.ToJson(entries)), "application/json", "moderation-audit-log.json")
            : File(Encoding.UTF8.GetBytes(AuditLog.ToCsv(entries)), "text/csv", "moderation-audit-log.csv");
    }
}
