using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.People;

namespace SoMeScholar.Core.Mentors;

/// <summary>
/// The demo community's mentoring: every demo person with the Mentor role opts in (most active, some paused, a few
/// left), some trainees state what they look for, and introductions exist in every state with their notifications.
/// Everything is flagged <c>IsSynthetic</c> and the texts say they are synthetic. No sign-in users are created: to try
/// the pages as a demo mentor or trainee, an administrator links a user to a demo person (docs/mentors.md).
/// </summary>
public sealed class MentorsDemo(ScholarDb db) : IDemoContribution
{
    public int Order => 800;

    public string Name => "mentors";

    private static readonly string[] Approaches =
    [
        "Synthetic demo mentor. Reply to one of my threads first, then send a short introduction: who you are, what you are working on, and one question.",
        "Synthetic demo mentor. I answer requests on Fridays. Tell me your training stage and what you would like to have done in six months.",
        "Synthetic demo mentor. Happy to talk careers and projects; include a link to something you wrote or presented.",
        "Synthetic demo mentor. Short messages are best. I can meet online once a month.",
    ];

    private static readonly string[] Openings =
    [
        "I am a {0} and I have followed your posts on {1} for a while.",
        "Your thread on {1} changed how I think about it; I am a {0}.",
        "I am a {0} hoping to build a project around {1}.",
    ];

    public async Task AddAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var random = context.Random;
        var end = DemoPlan.WindowEnd;
        var specialties = DemoVocabulary.Specialties.ToDictionary(s => s.Name, StringComparer.Ordinal);

        var profiles = new List<(MentorProfile Profile, DemoPerson Person)>();
        foreach (var person in plan.People.Where(p => p.Kind == PersonKind.Individual && p.Roles.Contains(CommunityRole.Mentor)))
        {
            var specialty = specialties[person.Specialty];
            var topics = specialty.Topics.OrderBy(_ => random.Next()).Take(2 + random.Next(2)).ToList();
            topics.Add("#" + specialty.Hashtags[random.Next(specialty.Hashtags.Length)]);
            var roll = random.NextDouble();
            var status = roll < 0.88 ? MentorStatus.Active : roll < 0.96 ? MentorStatus.Paused : MentorStatus.Left;
            var created = end.AddDays(-120 - random.Next(200));
            var offers = MentoringAreas.None;
            foreach (var area in new[] { MentoringAreas.Career, MentoringAreas.Research, MentoringAreas.Clinical, MentoringAreas.Education })
            {
                if (random.NextDouble() < 0.5)
                {
                    offers |= area;
                }
            }

            var profile = new MentorProfile
            {
                PersonId = context.PersonIds[person.Index],
                Status = status,
                Topics = MentorText.JoinLines(topics),
                Specialty = person.Specialty,
                CareerStage = person.Profession == Profession.Nurse
                    ? (random.NextDouble() < 0.5 ? CareerStage.EarlyCareer : CareerStage.MidCareer)
                    : (CareerStage)((int)CareerStage.EarlyCareer + random.Next(3)),
                TimeZone = person.TimeZone,
                Languages = person.Languages,
                Offers = offers == MentoringAreas.None ? MentoringAreas.Career : offers,
                Capacity = 1 + random.Next(4),
                Approach = Approaches[random.Next(Approaches.Length)],
                IsSynthetic = true,
                CreatedAt = created,
                UpdatedAt = created,
                PausedAt = status == MentorStatus.Paused ? end.AddDays(-random.Next(30)) : null,
                LeftAt = status == MentorStatus.Left ? end.AddDays(-random.Next(30)) : null,
            };
            profiles.Add((profile, person));
        }

        db.MentorProfiles.AddRange(profiles.Select(p => p.Profile));
        await db.SaveChangesAsync(cancellationToken);

        // Trainees who stated what they seek: about one in six, in their own specialty.
        var trainees = plan.People.Where(p => p.Kind == PersonKind.Individual && p.Roles.Contains(CommunityRole.Trainee) && !p.Roles.Contains(CommunityRole.Mentor))
            .Where(_ => random.NextDouble() < 0.17).ToList();
        var requests = new List<(TraineeRequest Request, DemoPerson Person)>();
        foreach (var person in trainees)
        {
            var specialty = specialties[person.Specialty];
            var topics = specialty.Topics.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToList();
            var created = end.AddDays(-10 - random.Next(60));
            requests.Add((new TraineeRequest
            {
                PersonId = context.PersonIds[person.Index],
                Topics = MentorText.JoinLines(topics),
                Hashtags = "#" + specialty.Hashtags[random.Next(specialty.Hashtags.Length)],
                FreeText = $"Synthetic demo request: looking for guidance on {topics[0]} and on building a career in {person.Specialty.ToLowerInvariant()}.",
                Specialty = person.Specialty,
                CareerStage = person.Profession switch
                {
                    Profession.MedicalStudent => CareerStage.MedicalStudent,
                    Profession.Resident => CareerStage.Resident,
                    _ => CareerStage.EarlyCareer,
                },
                TimeZone = person.TimeZone,
                Languages = person.Languages,
                Seeking = random.NextDouble() < 0.5 ? MentoringAreas.Career | MentoringAreas.Research : MentoringAreas.Career | MentoringAreas.Education,
                IsSynthetic = true,
                CreatedAt = created,
                UpdatedAt = created,
            }, person));
        }

        db.TraineeRequests.AddRange(requests.Select(r => r.Request));
        await db.SaveChangesAsync(cancellationToken);

        // Introductions from a third of those trainees to an active mentor in their specialty, in every state.
        var accepted = new Dictionary<long, int>();
        var active = profiles.Where(p => p.Profile.Status == MentorStatus.Active).ToList();
        var introductions = new List<MentorIntroduction>();
        foreach (var (request, person) in requests.Where(_ => random.NextDouble() < 0.4))
        {
            var sameField = active.Where(p => p.Person.Specialty == person.Specialty).ToList();
            if (sameField.Count == 0)
            {
                continue;
            }

            var profile = sameField[random.Next(sameField.Count)].Profile;
            // The first five show every state; the rest follow the proportions below.
            var roll = random.NextDouble();
            var status = introductions.Count < 5 ? (IntroductionStatus)introductions.Count : roll switch
            {
                < 0.35 => IntroductionStatus.Pending,
                < 0.65 => IntroductionStatus.Accepted,
                < 0.82 => IntroductionStatus.Declined,
                < 0.92 => IntroductionStatus.Withdrawn,
                _ => IntroductionStatus.Ended,
            };
            if (status == IntroductionStatus.Accepted && accepted.GetValueOrDefault(profile.Id) >= profile.Capacity)
            {
                status = IntroductionStatus.Pending;
            }

            if (status == IntroductionStatus.Accepted)
            {
                accepted[profile.Id] = accepted.GetValueOrDefault(profile.Id) + 1;
            }

            var created = request.CreatedAt.AddDays(1 + random.Next(5));
            var stage = person.Profession switch
            {
                Profession.MedicalStudent => "medical student",
                Profession.Resident => "resident",
                _ => "nurse early in my career",
            };
            var topic = MentorText.Lines(request.Topics)[0];
            var responded = status == IntroductionStatus.Pending ? (DateTime?)null : created.AddDays(1 + random.Next(6));
            introductions.Add(new MentorIntroduction
            {
                MentorProfileId = profile.Id,
                TraineePersonId = request.PersonId,
                Status = status,
                Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, Openings[random.Next(Openings.Length)], stage, topic)
                    + $" Would you have time for a short conversation about {topic}? (Synthetic demo message.)",
                Reason = $"Synthetic demo introduction: both in {person.Specialty}.",
                ResponseMessage = status switch
                {
                    IntroductionStatus.Accepted or IntroductionStatus.Ended => "Happy to. Let us find a time next week. (Synthetic demo reply.)",
                    IntroductionStatus.Declined => "Thank you for writing; my places are committed this term. (Synthetic demo reply.)",
                    _ => null,
                },
                IsSynthetic = true,
                CreatedAt = created,
                RespondedAt = responded,
                EndedAt = status == IntroductionStatus.Ended ? responded!.Value.AddDays(20) : null,
            });
        }

        db.MentorIntroductions.AddRange(introductions);
        await db.SaveChangesAsync(cancellationToken);

        var names = await db.People.Where(p => p.IsSynthetic).Select(p => new { p.Id, p.DisplayName }).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var mentorPerson = profiles.ToDictionary(p => p.Profile.Id, p => p.Profile.PersonId);
        foreach (var introduction in introductions)
        {
            var mentorId = mentorPerson[introduction.MentorProfileId];
            db.MentorNotifications.Add(new MentorNotification
            {
                PersonId = mentorId,
                IntroductionId = introduction.Id,
                Kind = MentorNotificationKind.IntroductionRequested,
                Text = $"{names[introduction.TraineePersonId]} asks you for a mentoring introduction.",
                CreatedAt = introduction.CreatedAt,
                ReadAt = introduction.Status == IntroductionStatus.Pending ? null : introduction.RespondedAt,
            });
            var answer = introduction.Status switch
            {
                IntroductionStatus.Accepted or IntroductionStatus.Ended => (MentorNotificationKind.IntroductionAccepted, "accepted"),
                IntroductionStatus.Declined => (MentorNotificationKind.IntroductionDeclined, "declined"),
                _ => ((MentorNotificationKind, string)?)null,
            };
            if (answer is { } a)
            {
                db.MentorNotifications.Add(new MentorNotification
                {
                    PersonId = introduction.TraineePersonId,
                    IntroductionId = introduction.Id,
                    Kind = a.Item1,
                    Text = $"{names[mentorId]} {a.Item2} your introduction request.",
                    CreatedAt = introduction.RespondedAt!.Value,
                });
            }
        }

        // One mentor has blocked one trainee who was declined, so the demo shows a block too.
        if (introductions.FirstOrDefault(i => i.Status == IntroductionStatus.Declined) is { } declined)
        {
            db.MentorBlocks.Add(new MentorBlock { MentorProfileId = declined.MentorProfileId, TraineePersonId = declined.TraineePersonId, CreatedAt = declined.RespondedAt!.Value });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
