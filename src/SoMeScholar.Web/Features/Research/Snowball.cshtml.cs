using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>The snowball tracker: referral tree, counts per wave, participants by study code; the lead records seeds, nominations and statuses.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class SnowballModel(Studies studies, Snowball snowball) : ResearchPageModel
{
    public SnowballView Snowball { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty]
    public string? Nominator { get; set; }

    [BindProperty]
    public string? ExistingCode { get; set; }

    [BindProperty]
    public DateTime? NominatedOn { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public InvitationStatus? Invitation { get; set; }

    [BindProperty]
    public ConsentStatus? Consent { get; set; }

    [BindProperty]
    public InterviewStatus? Interview { get; set; }

    [BindProperty]
    public DateTime? On { get; set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, async () =>
    {
        Snowball = await snowball.GetAsync(Actor, id, cancellationToken);
    }, cancellationToken);

    public Task<IActionResult> OnPostSeedAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var seed = await snowball.AddSeedAsync(Actor, id, Name ?? "", Contact, cancellationToken: cancellationToken);
        return $"Seed added as {seed.Code}.";
    });

    public Task<IActionResult> OnPostNominateAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var nominee = string.IsNullOrWhiteSpace(ExistingCode) ? new Nominee(Name: Name, Contact: Contact) : new Nominee(ExistingCode: ExistingCode);
        var when = NominatedOn is { } date ? DateTime.SpecifyKind(date.Date, DateTimeKind.Utc) : DateTime.UtcNow.Date;
        var participant = await snowball.NominateAsync(Actor, id, Nominator ?? "", nominee, when, cancellationToken);
        return $"Recorded: {Nominator?.Trim().ToUpperInvariant()} named {participant.Code} (wave {participant.Wave}).";
    });

    public Task<IActionResult> OnPostStatusAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var at = On is { } date ? DateTime.SpecifyKind(date.Date, DateTimeKind.Utc) : (DateTime?)null;
        var participant = await snowball.SetStatusAsync(Actor, id, Code ?? "", new StatusChange(Invitation, Consent, Interview, at), cancellationToken);
        return $"{participant.Code}: {participant.Invitation}, consent {participant.Consent}, interview {participant.Interview}.";
    });
}
