using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Mentors;

namespace SoMeScholar.Web.Features.Mentors;

[AllowAnonymous]
public sealed class IndexModel(MentorProfiles profiles, MentorPeople people, TraineeRequests requests, Introductions introductions) : PageModel
{
    public MentorOverview Overview { get; private set; } = null!;
    public MentorProfileView? MyProfile { get; private set; }
    public bool HasRequest { get; private set; }
    public int Unread { get; private set; }
    public int PendingForMe { get; private set; }
    public int SentPending { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Overview = await profiles.OverviewAsync(cancellationToken);
        if (User.Identity?.IsAuthenticated == true && User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId && await people.PersonOfUserAsync(userId, cancellationToken) is { } person)
        {
            MyProfile = await profiles.ForPersonAsync(person, cancellationToken);
            HasRequest = await requests.ForPersonAsync(person, cancellationToken) is not null;
            Unread = await introductions.UnreadCountAsync(person, cancellationToken);
            PendingForMe = (await introductions.ReceivedAsync(person, cancellationToken)).Count(i => i.Status == IntroductionStatus.Pending);
            SentPending = (await introductions.SentAsync(person, cancellationToken)).Count(i => i.Status == IntroductionStatus.Pending);
        }
    }
}
