using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Mentors;

/// <summary>Introduction requests received (accept, decline, block, end) and sent (withdraw, end), notifications and blocks.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class IntroductionsModel(MentorPeople people, MentorProfiles profiles, Introductions introductions) : PageModel
{
    public MentorProfileView? Profile { get; private set; }
    public IReadOnlyList<IntroductionView> Received { get; private set; } = [];
    public IReadOnlyList<IntroductionView> Sent { get; private set; } = [];
    public IReadOnlyList<NotificationView> Notifications { get; private set; } = [];
    public IReadOnlyList<(long PersonId, string Name, DateTime Since)> Blocked { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(long? sent, CancellationToken cancellationToken)
    {
        var person = await MentorPageHelpers.PersonAsync(User, people, cancellationToken);
        if (sent is not null && Message is null)
        {
            Message = "Introduction request sent. You will see the mentor's answer here.";
        }

        Profile = await profiles.ForPersonAsync(person, cancellationToken);
        Received = await introductions.ReceivedAsync(person, cancellationToken);
        Sent = await introductions.SentAsync(person, cancellationToken);
        Notifications = await introductions.NotificationsAsync(person, 20, cancellationToken);
        Blocked = Profile is null ? [] : await introductions.BlockedAsync(person, cancellationToken);
    }

    public Task<IActionResult> OnPostAcceptAsync(long id, string? response, CancellationToken cancellationToken) =>
        ActAsync(p => introductions.AcceptAsync(id, p, response, cancellationToken), "Accepted. The trainee has been told; write to them to agree a first conversation.", cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(long id, string? response, CancellationToken cancellationToken) =>
        ActAsync(p => introductions.DeclineAsync(id, p, response, cancellationToken), "Declined. The trainee has been told.", cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(p => introductions.WithdrawAsync(id, p, cancellationToken), "Request withdrawn.", cancellationToken);

    public Task<IActionResult> OnPostEndAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(p => introductions.EndAsync(id, p, cancellationToken), "Mentoring ended.", cancellationToken);

    public Task<IActionResult> OnPostBlockAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(p => introductions.BlockAsync(id, p, cancellationToken), "Blocked: they will not see you in recommendations or be able to write to you.", cancellationToken);

    public Task<IActionResult> OnPostUnblockAsync(long personId, CancellationToken cancellationToken) =>
        ActAsync(p => introductions.UnblockAsync(p, personId, cancellationToken), "Unblocked.", cancellationToken);

    public Task<IActionResult> OnPostReadAsync(CancellationToken cancellationToken) =>
        ActAsync(p => introductions.MarkReadAsync(p, cancellationToken), "Notifications marked read.", cancellationToken);

    private async Task<IActionResult> ActAsync(Func<long, Task> action, string done, CancellationToken cancellationToken)
    {
        try
        {
            await action(await MentorPageHelpers.PersonAsync(User, people, cancellationToken));
            Message = done;
        }
        catch (MentorRuleException e)
        {
            Message = e.Message;
        }

        return RedirectToPage();
    }
}
