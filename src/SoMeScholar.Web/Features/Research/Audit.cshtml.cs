using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>The codebook audit trail for the auditors (and the whole team), with its hash-chain check and exports.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class AuditModel(Studies studies, AuditTrail trail) : ResearchPageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public AuditVerification Verification { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, async () =>
    {
        Entries = await trail.ListAsync(Actor, id, cancellationToken);
        Verification = await trail.VerifyAsync(Actor, id, cancellationToken);
    }, cancellationToken);
}
