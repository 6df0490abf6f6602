using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Mentors;

/// <summary>Opt in as a mentor, edit the profile, pause, resume or leave.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class ProfileModel(ScholarDb db, MentorPeople people, MentorProfiles profiles) : PageModel
{
    [BindProperty]
    public string Topics { get; set; } = "";

    [BindProperty]
    public string? Specialty { get; set; }

    [BindProperty]
    public CareerStage CareerStage { get; set; } = CareerStage.MidCareer;

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public string? Languages { get; set; }

    [BindProperty]
    public List<MentoringAreas> Offers { get; set; } = [];

    [BindProperty]
    public int Capacity { get; set; } = 2;

    [BindProperty]
    public string? Approach { get; set; }

    public MentorProfileView? Profile { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var person = await MentorPageHelpers.PersonAsync(User, people, cancellationToken);
        Profile = await profiles.ForPersonAsync(person, cancellationToken);
        if (Profile is { } p)
        {
            Topics = string.Join('\n', p.Topics);
            Specialty = p.Specialty;
            CareerStage = p.CareerStage;
            TimeZone = p.TimeZone;
            Languages = string.Join(", ", p.Languages);
            Offers = MentorPageHelpers.Areas.Where(a => p.Offers.Contains(a.ToString().ToLowerInvariant())).ToList();
            Capacity = p.Capacity;
            Approach = p.Approach;
        }
        else
        {
            var me = await db.People.AsNoTracking().FirstAsync(x => x.Id == person, cancellationToken);
            Specialty = me.Specialty;
            TimeZone = me.TimeZone;
            Languages = me.Languages;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = await MentorPageHelpers.PersonAsync(User, people, cancellationToken);
        try
        {
            var existed = await profiles.ForPersonAsync(person, cancellationToken) is not null;
            await profiles.SaveAsync(person, new MentorProfileInput
            {
                Topics = MentorText.Lines(Topics),
                Specialty = Specialty,
                CareerStage = CareerStage,
                TimeZone = TimeZone,
                Languages = MentorPageHelpers.Items(Languages),
                Offers = MentorPageHelpers.Combine(Offers),
                Capacity = Capacity,
                Approach = Approach,
            }, cancellationToken);
            Message = existed ? "Profile saved." : "You are now a mentor. Trainees whose interests fit yours will see you in their recommendations.";
            return RedirectToPage();
        }
        catch (MentorRuleException e)
        {
            Error = e.Message;
            Profile = await profiles.ForPersonAsync(person, cancellationToken);
            return Page();
        }
    }

    public Task<IActionResult> OnPostPauseAsync(CancellationToken cancellationToken) =>
        ChangeAsync((p, ct) => profiles.PauseAsync(p, ct), "Paused: you are not recommended and receive no new requests until you resume.", cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken) =>
        ChangeAsync((p, ct) => profiles.ResumeAsync(p, ct), "Welcome back: you are recommended again.", cancellationToken);

    public Task<IActionResult> OnPostLeaveAsync(CancellationToken cancellationToken) =>
        ChangeAsync((p, ct) => profiles.LeaveAsync(p, ct), "You have left the mentoring programme; pending requests were declined. Save the form again to rejoin.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<long, CancellationToken, Task> change, string done, CancellationToken cancellationToken)
    {
        var person = await MentorPageHelpers.PersonAsync(User, people, cancellationToken);
        try
        {
            await change(person, cancellationToken);
            Message = done;
        }
        catch (MentorRuleException e)
        {
            Message = e.Message;
        }

        return RedirectToPage();
    }
}
