using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Mentors;

/// <summary>
/// Mentoring's part of a person's data. A sign-in acts for its person (<see cref="ScholarUser.PersonId"/>; see
/// <see cref="MentorPeople"/>), so everything here is found through that person. Export holds the person's mentor
/// profile, trainee request, the introductions they sent and received (the other side named only by the display name
/// the Mentors pages already show them), the blocks they made as a mentor, and their notifications. Blocks made
/// against them are the mentor's record and are not shown, as the Mentors pages never show them.
/// On account deletion: the trainee request and the person's notifications are removed; pending requests they sent are
/// withdrawn and mentorings they take part in are ended, with the other side notified; as a mentor, pending requests
/// are declined, their blocks removed, and the profile removed, or, when trainees' introductions refer to it, left
/// (never recommended) with everything the mentor stated erased, so the trainees' history stays consistent.
/// </summary>
public sealed class MentorsPersonalData(ScholarDb db, TimeProvider clock) : IPersonalDataSource
{
    public const string DeletedAccountReply = "The mentor's account was deleted.";

    public string Name => "mentors";

    public async Task<object?> ExportAsync(ScholarUser user, CancellationToken cancellationToken)
    {
        if (user.PersonId is not { } personId)
        {
            return null;
        }

        var profile = await db.MentorProfiles.AsNoTracking().Where(p => p.PersonId == personId)
            .Select(p => new
            {
                p.Id, p.Status, p.Topics, p.Specialty, p.CareerStage, p.TimeZone, p.Languages, p.Offers, p.Capacity, p.Approach,
                p.CreatedAt, p.UpdatedAt, p.PausedAt, p.LeftAt,
            })
            .FirstOrDefaultAsync(cancellationToken);
        return new
        {
            MentorProfile = profile,
            TraineeRequest = await db.TraineeRequests.AsNoTracking().Where(r => r.PersonId == personId)
                .Select(r => new { r.Topics, r.Hashtags, r.FreeText, r.Specialty, r.CareerStage, r.TimeZone, r.Languages, r.Seeking, r.CreatedAt, r.UpdatedAt })
                .FirstOrDefaultAsync(cancellationToken),
            IntroductionsSent = await db.MentorIntroductions.AsNoTracking().Where(i => i.TraineePersonId == personId).OrderBy(i => i.Id)
                .Select(i => new { i.Id, Mentor = i.MentorProfile!.Person!.DisplayName, i.Status, i.Message, i.Reason, i.ResponseMessage, i.CreatedAt, i.RespondedAt, i.EndedAt })
                .ToListAsync(cancellationToken),
            IntroductionsReceived = await db.MentorIntroductions.AsNoTracking().Where(i => i.MentorProfile!.PersonId == personId).OrderBy(i => i.Id)
                .Select(i => new { i.Id, Trainee = i.TraineePerson!.DisplayName, i.Status, i.Message, i.Reason, i.ResponseMessage, i.CreatedAt, i.RespondedAt, i.EndedAt })
                .ToListAsync(cancellationToken),
            BlocksMade = await db.MentorBlocks.AsNoTracking().Where(b => b.MentorProfile!.PersonId == personId).OrderBy(b => b.CreatedAt)
                .Select(b => new { Trainee = b.TraineePerson!.DisplayName, b.CreatedAt })
                .ToListAsync(cancellationToken),
            Notifications = await db.MentorNotifications.AsNoTracking().Where(n => n.PersonId == personId).OrderBy(n => n.Id)
                .Select(n => new { n.Kind, n.Text, n.IntroductionId, n.CreatedAt, n.ReadAt })
                .ToListAsync(cancellationToken),
        };
    }

    public async Task AnonymiseAsync(ScholarUser user, CancellationToken cancellationToken)
    {
        if (user.PersonId is not { } personId)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;

        // As a trainee: withdraw what waits, end what runs; the mentors keep their history of the requests.
        var sent = await db.MentorIntroductions.Include(i => i.MentorProfile)
            .Where(i => i.TraineePersonId == personId && (i.Status == IntroductionStatus.Pending || i.Status == IntroductionStatus.Accepted))
            .ToListAsync(cancellationToken);
        foreach (var introduction in sent)
        {
            if (introduction.Status == IntroductionStatus.Pending)
            {
                introduction.Status = IntroductionStatus.Withdrawn;
                introduction.RespondedAt = now;
                Notify(introduction.MentorProfile!.PersonId, introduction.Id, MentorNotificationKind.IntroductionWithdrawn, "An introduction request to you was withdrawn: the trainee deleted their account.", now);
            }
            else
            {
                introduction.Status = IntroductionStatus.Ended;
                introduction.EndedAt = now;
                Notify(introduction.MentorProfile!.PersonId, introduction.Id, MentorNotificationKind.MentoringEnded, "A mentoring ended: the mentee deleted their account; the place is free again.", now);
            }
        }

        await db.TraineeRequests.Where(r => r.PersonId == personId).ExecuteDeleteAsync(cancellationToken);

        // As a mentor: decline what waits, end what runs, then remove the profile or leave it with nothing stated.
        var profile = await db.MentorProfiles.FirstOrDefaultAsync(p => p.PersonId == personId, cancellationToken);
        if (profile is not null)
        {
            var received = await db.MentorIntroductions
                .Where(i => i.MentorProfileId == profile.Id && (i.Status == IntroductionStatus.Pending || i.Status == IntroductionStatus.Accepted))
                .ToListAsync(cancellationToken);
            foreach (var introduction in received)
            {
                if (introduction.Status == IntroductionStatus.Pending)
                {
                    introduction.Status = IntroductionStatus.Declined;
                    introduction.RespondedAt = now;
                    introduction.ResponseMessage = DeletedAccountReply;
                    Notify(introduction.TraineePersonId, introduction.Id, MentorNotificationKind.IntroductionDeclined, "A mentor you asked for an introduction has deleted their account.", now);
                }
                else
                {
                    introduction.Status = IntroductionStatus.Ended;
                    introduction.EndedAt = now;
                    Notify(introduction.TraineePersonId, introduction.Id, MentorNotificationKind.MentoringEnded, "Your mentoring ended: the mentor deleted their account.", now);
                }
            }

            db.MentorBlocks.RemoveRange(await db.MentorBlocks.Where(b => b.MentorProfileId == profile.Id).ToListAsync(cancellationToken));
            if (await db.MentorIntroductions.AnyAsync(i => i.MentorProfileId == profile.Id, cancellationToken))
            {
                profile.Status = MentorStatus.Left;
                profile.LeftAt = now;
                profile.PausedAt = null;
                profile.Topics = "";
                profile.Specialty = null;
                profile.TimeZone = null;
                profile.Languages = null;
                profile.Approach = null;
                profile.Offers = MentoringAreas.None;
                profile.UpdatedAt = now;
            }
            else
            {
                db.MentorProfiles.Remove(profile);
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // The person's own notices go; the ones added above are addressed to the other sides.
        await db.MentorNotifications.Where(n => n.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
    }

    private void Notify(long personId, long introductionId, MentorNotificationKind kind, string text, DateTime now) =>
        db.MentorNotifications.Add(new MentorNotification { PersonId = personId, IntroductionId = introductionId, Kind = kind, Text = text, CreatedAt = now });
}
