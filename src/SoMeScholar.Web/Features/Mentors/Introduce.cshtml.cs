using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Mentors;

/// <summary>
/// Receives the introduction form of a mentor's page. A page of its own so the request rate limit
/// (<see cref="RateLimits.Requests"/>) applies to sending only, not to browsing profiles.
/// </summary>
[Authorize(Policy = Policies.Member)]
[EnableRateLimiting(RateLimits.Requests)]
public sealed class IntroduceModel(MentorPeople people, Introductions introductions) : PageModel
{
    [BindProperty]
    public long MentorProfileId { get; set; }

    [BindProperty]
    public string Message { get; set; } = "";

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? IntroductionError { get; set; }

    public IActionResult OnGet() => RedirectToPage("/Mentors/Find");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = await MentorPageHelpers.PersonAsync(User, people, cancellationToken);
        try
        {
            var sent = await introductions.SendAsync(person, MentorProfileId, Message, Reason, cancellationToken);
            return Redirect($"/Mentors/Introductions?sent={sent.Id}#introduction-{sent.Id}");
        }
        catch (MentorRuleException e)
        {
            IntroductionError = e.Message;
            return Redirect($"/Mentors/Mentor/{MentorProfileId}");
        }
    }
}
