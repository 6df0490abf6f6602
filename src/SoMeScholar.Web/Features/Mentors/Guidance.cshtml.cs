using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Mentors;

namespace SoMeScholar.Web.Features.Mentors;

/// <summary>
/// Follow / Participate / Establish for trainees: the three principles with concrete next actions from the signed-in
/// trainee's saved request, or from hashtags and a specialty given in the address (open to guests).
/// </summary>
[AllowAnonymous]
public sealed class GuidanceModel(MentorPeople people, TraineeRequests requests, TraineeGuidance guidance) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "hashtags")]
    public string? Hashtags { get; set; }

    [BindProperty(SupportsGet = true, Name = "specialty")]
    public string? Specialty { get; set; }

    public GuidanceView? Guidance { get; private set; }
    public bool FromSavedRequest { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        TraineeRequestInput? request = null;
        long? person = null;
        if (string.IsNullOrWhiteSpace(Hashtags) && string.IsNullOrWhiteSpace(Specialty)
            && User.Identity?.IsAuthenticated == true && User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && await people.PersonOfUserAsync(userId, cancellationToken) is { } id && await requests.ForPersonAsync(id, cancellationToken) is { } saved)
        {
            person = id;
            request = TraineeRequestInput.From(saved);
            FromSavedRequest = true;
        }
        else if (!string.IsNullOrWhiteSpace(Hashtags) || !string.IsNullOrWhiteSpace(Specialty))
        {
            request = new TraineeRequestInput { Hashtags = MentorText.Hashtags(Hashtags), Specialty = Specialty };
        }

        if (request is not null)
        {
            Guidance = await guidance.BuildAsync(request, person, cancellationToken);
        }
    }
}
