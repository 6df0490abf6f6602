using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>Member checks: the lead publishes findings with de-identified quotes behind a private link; the team reads the comments.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class MemberChecksModel(Studies studies, MemberChecks checks) : ResearchPageModel
{
    public IReadOnlyList<MemberCheckSummary> Checks { get; private set; } = [];
    public IReadOnlyList<ThemeCandidates> Candidates { get; private set; } = [];
    public (MemberCheckSummary Summary, PublicMemberCheck Page, IReadOnlyList<MemberCheckCommentView> Comments)? Selected { get; private set; }

    [BindProperty(SupportsGet = true, Name = "check")]
    public long? CheckId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Introduction { get; set; }

    [BindProperty]
    public DateTime? ClosesOn { get; set; }

    [BindProperty]
    public List<FindingForm> Findings { get; set; } = [];

    public sealed class FindingForm
    {
        public bool Include { get; set; }
        public long ThemeId { get; set; }
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public List<string> Quotes { get; set; } = [];
    }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, async () =>
    {
        Checks = await checks.ListAsync(Actor, id, cancellationToken);
        if (IsLead)
        {
            Candidates = await checks.CandidatesAsync(Actor, id, cancellationToken: cancellationToken);
        }

        var chosen = CheckId ?? (Checks.Count > 0 ? Checks[0].Id : null);
        if (chosen is { } c && Checks.Any(x => x.Id == c))
        {
            Selected = await checks.GetAsync(Actor, c, cancellationToken);
        }
    }, cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken)
    {
        long? published = null;
        var result = await ChangeAsync(async () =>
        {
            if (ClosesOn is null)
            {
                throw ResearchException.Invalid("Give a closing date.");
            }

            var findings = Findings.Where(f => f.Include).Select(f => new FindingInput(f.Title ?? "", f.Summary, f.ThemeId, f.Quotes.Select(ParseQuote).ToList())).ToList();
            var closes = DateTime.SpecifyKind(ClosesOn.Value.Date, DateTimeKind.Utc).AddDays(1).AddSeconds(-1);
            var (check, _) = await checks.PublishAsync(Actor, id, Title ?? "", Introduction, closes, findings, cancellationToken);
            published = check.Id;
            return "Published. Send participants the private link below; it stops working after the closing date.";
        });
        return published is { } p ? RedirectToPage(new { id, check = p }) : result;
    }

    public Task<IActionResult> OnPostWithdrawAsync(long id, long checkId, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await checks.WithdrawAsync(Actor, checkId, cancellationToken);
        return "Withdrawn: the link no longer shows anything.";
    });

    public string LinkFor(string token) => $"{Request.Scheme}://{Request.Host}/Research/Feedback/{token}";

    private static QuoteInput ParseQuote(string value)
    {
        var parts = value.Split(':');
        return parts.Length == 3 && long.TryParse(parts[0], out var t) && int.TryParse(parts[1], out var s) && int.TryParse(parts[2], out var e)
            ? new QuoteInput(t, s, e)
            : throw ResearchException.Invalid("A quote could not be read; reload the page and choose again.");
    }
}
