using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Mentors;

/// <summary>The trainee's request form and, once saved, their recommended mentors with reasons.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class FindModel(ScholarDb db, MentorPeople people, TraineeRequests requests, MentorRecommendations recommendations) : PageModel
{
    [BindProperty]
    public string Topics { get; set; } = "";

    [BindProperty]
    public string Hashtags { get; set; } = "";

    [BindProperty]
    public string? FreeText { get; set; }

    [BindProperty]
    public string? Specialty { get; set; }

    [BindProperty]
    public CareerStage CareerStage { get; set; } = CareerStage.Resident;

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public string? Languages { get; set; }

    [BindProperty]
    public List<MentoringAreas> Seeking { get; set; } = [];

    public RecommendationResult? Result { get; private set; }
    public IReadOnlyList<string> Specialties { get; private set; } = [];
    public string? Error { get; private set; }
    public bool HasAccounts { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var person = await MentorPageHelpers.PersonAsync(User, people, cancellationToken);
        var saved = await requests.ForPersonAsync(person, cancellationToken);
        if (saved is null)
        {
            // First visit: start from what the person record already says.
            var me = await db.People.AsNoTracking().FirstAsync(p => p.Id == person, cancellationToken);
            Specialty = me.Specialty;
            TimeZone = me.TimeZone;
            Languages = me.Languages;
        }
        else
        {
            Topics = saved.Topics;
            Hashtags = saved.Hashtags;
            FreeText = saved.FreeText;
            Specialty = saved.Specialty;
            CareerStage = saved.CareerStage;
            TimeZone = saved.TimeZone;
            Languages = saved.Languages;
            Seeking = MentorPageHelpers.Areas.Where(a => saved.Seeking.HasFlag(a)).ToList();
            try
            {
                Result = await recommendations.ForPersonAsync(person, TraineeRequestInput.From(saved), 10, cancellationToken);
            }
            catch (MentorRuleException e)
            {
                Error = e.Message;
            }
        }

        await LoadChoicesAsync(person, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = await MentorPageHelpers.PersonAsync(User, people, cancellationToken);
        try
        {
            await requests.SaveAsync(person, new TraineeRequestInput
            {
                Topics = MentorText.Lines(Topics),
                Hashtags = MentorText.Hashtags(Hashtags),
                FreeText = FreeText,
                Specialty = Specialty,
                CareerStage = CareerStage,
                TimeZone = TimeZone,
                Languages = MentorPageHelpers.Items(Languages),
                Seeking = MentorPageHelpers.Combine(Seeking),
            }, cancellationToken);
            return RedirectToPage();
        }
        catch (MentorRuleException e)
        {
            Error = e.Message;
            await LoadChoicesAsync(person, cancellationToken);
            return Page();
        }
    }

    private async Task LoadChoicesAsync(long person, CancellationToken cancellationToken)
    {
        Specialties = await db.People.Where(p => p.Specialty != null).Select(p => p.Specialty!).Distinct().OrderBy(s => s).Take(100).ToListAsync(cancellationToken);
        HasAccounts = await db.Accounts.AnyAsync(a => a.PersonId == person, cancellationToken);
    }
}
