using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Mentoring: the trainees whose introductions the person accepted as a mentor (capability 8's
/// <see cref="MentorIntroduction"/> with status Accepted, or Ended after it was accepted). A mentee belongs to a period by the date the
/// person accepted. The trainee is named only by specialty and career stage, not by name, since the mentee's
/// portfolio is theirs to show.
/// </summary>
public sealed class MentoringEvidence(ScholarDb db) : IPortfolioSource
{
    public PortfolioSection Section => PortfolioSection.Mentoring;
    public string Title => "Mentoring";
    public string Description => "Trainees whose mentoring requests the person accepted.";

    public async Task<SourceResult> GatherAsync(PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var personId = subject.Person.Id;
        var accepted = await db.MentorIntroductions.AsNoTracking()
            .Where(i => i.MentorProfile!.PersonId == personId && i.RespondedAt != null && (i.Status == IntroductionStatus.Accepted || i.Status == IntroductionStatus.Ended))
            .Select(i => new { i.Id, i.MentorProfileId, i.Status, i.RespondedAt, i.EndedAt, i.TraineePersonId, Specialty = i.TraineePerson!.Specialty, Profession = i.TraineePerson.Profession })
            .ToListAsync(cancellationToken);
        var items = new List<EvidenceItem>();
        foreach (var mentee in accepted.Where(m => subject.InPeriod(m.RespondedAt)).OrderBy(m => m.RespondedAt))
        {
            var link = $"/Mentors/Mentor/{mentee.MentorProfileId}";
            var provenance = new Provenance("mentor introductions", $"introduction {mentee.Id}, accepted {mentee.RespondedAt:yyyy-MM-dd}", link, subject.Now);
            var days = (long)Math.Max(0, ((mentee.EndedAt ?? subject.Now) - mentee.RespondedAt!.Value).TotalDays);
            var title = $"Mentee: {mentee.Profession}{(mentee.Specialty is { Length: > 0 } s ? ", " + s : "")} (introduction {mentee.Id})";
            items.Add(new EvidenceItem(
                $"mentee:{mentee.Id}",
                Section,
                "mentee",
                title,
                link,
                mentee.RespondedAt,
                $"Accepted as mentor on {mentee.RespondedAt:yyyy-MM-dd}" + (mentee.EndedAt is { } ended ? $", ended {ended:yyyy-MM-dd}" : ", ongoing"),
                [Figure.Count("days", "Days mentored", days, provenance)],
                [new Detail("Status", mentee.Status.ToString())],
                new Dictionary<string, IReadOnlyDictionary<string, double>>()));
        }

        var total = new Provenance("sum over the mentees listed", $"{items.Count} accepted introductions", null, subject.Now);
        return new SourceResult(items, [Figure.Count("mentees", "Mentees accepted", items.Count, total)]);
    }
}
