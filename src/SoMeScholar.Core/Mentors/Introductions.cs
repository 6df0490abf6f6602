using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Mentors;

/// <summary>An introduction request as either side sees it.</summary>
public sealed record IntroductionView(
    long Id,
    IntroductionStatus Status,
    long MentorProfileId,
    long MentorPersonId,
    string MentorName,
    string MentorSlug,
    long TraineePersonId,
    string TraineeName,
    string TraineeSlug,
    string Message,
    string? Reason,
    string? ResponseMessage,
    bool IsSynthetic,
    DateTime CreatedAt,
    DateTime? RespondedAt,
    DateTime? EndedAt);

public sealed record NotificationView(long Id, MentorNotificationKind Kind, string Text, long? IntroductionId, DateTime CreatedAt, bool Read);

/// <summary>
/// Introduction requests: a trainee writes to a mentor, the mentor accepts or declines; either side ends an accepted
/// mentoring; a mentor can block a trainee. Each step notifies the other side in the app. The rules that keep this
/// safe for mentors are here, so every host (pages, API, CLI) applies the same ones.
/// </summary>
public sealed class Introductions(ScholarDb db, TimeProvider clock)
{
    public const int MinMessageLength = 20;
    public const int MaxMessageLength = 2000;

    /// <summary>A trainee may wait for at most this many answers at once.</summary>
    public const int MaxPendingPerTrainee = 5;

    /// <summary>After a decline, the same trainee cannot ask the same mentor again for this many days.</summary>
    public const int DeclineCoolingOffDays = 90;

    public async Task<IntroductionView> SendAsync(long traineePersonId, long mentorProfileId, string message, string? reason = null, CancellationToken cancellationToken = default)
    {
        var text = message?.Trim() ?? "";
        if (text.Length < MinMessageLength)
        {
            throw new MentorRuleException($"Write at least {MinMessageLength} characters: who you are and what you hope to learn.");
        }

        if (text.Length > MaxMessageLength)
        {
            throw new MentorRuleException($"Keep the message under {MaxMessageLength:N0} characters.");
        }

        var profile = await db.MentorProfiles.Include(p => p.Person).FirstOrDefaultAsync(p => p.Id == mentorProfileId, cancellationToken)
            ?? throw new MentorRuleException("No such mentor.");
        if (profile.PersonId == traineePersonId)
        {
            throw new MentorRuleException("You cannot ask yourself for an introduction.");
        }

        if (profile.Status != MentorStatus.Active)
        {
            throw new MentorRuleException($"{profile.Person!.DisplayName} is not taking mentoring requests at the moment.");
        }

        if (await db.MentorBlocks.AnyAsync(b => b.MentorProfileId == mentorProfileId && b.TraineePersonId == traineePersonId, cancellationToken))
        {
            // Worded like any closed profile: a blocked trainee is not told they were blocked.
            throw new MentorRuleException($"{profile.Person!.DisplayName} is not taking mentoring requests at the moment.");
        }

        var accepted = await db.MentorIntroductions.CountAsync(i => i.MentorProfileId == mentorProfileId && i.Status == IntroductionStatus.Accepted, cancellationToken);
        if (accepted >= profile.Capacity)
        {
            throw new MentorRuleException($"{profile.Person!.DisplayName} has no mentee place free at the moment.");
        }

        var existing = await db.MentorIntroductions
            .Where(i => i.MentorProfileId == mentorProfileId && i.TraineePersonId == traineePersonId)
            .Select(i => new { i.Status, i.RespondedAt })
            .ToListAsync(cancellationToken);
        if (existing.Any(i => i.Status == IntroductionStatus.Pending))
        {
            throw new MentorRuleException("You have already asked this mentor; wait for their answer.");
        }

        if (existing.Any(i => i.Status == IntroductionStatus.Accepted))
        {
            throw new MentorRuleException("This mentor already mentors you.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (existing.Any(i => i.Status == IntroductionStatus.Declined && i.RespondedAt > now.AddDays(-DeclineCoolingOffDays)))
        {
            throw new MentorRuleException($"This mentor declined a request from you in the last {DeclineCoolingOffDays} days.");
        }

        var pending = await db.MentorIntroductions.CountAsync(i => i.TraineePersonId == traineePersonId && i.Status == IntroductionStatus.Pending, cancellationToken);
        if (pending >= MaxPendingPerTrainee)
        {
            throw new MentorRuleException($"You have {pending} requests waiting for an answer; withdraw one or wait before asking someone else.");
        }

        var traineeName = await db.People.Where(p => p.Id == traineePersonId).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken)
            ?? throw new MentorRuleException("Unknown trainee.");
        var introduction = new MentorIntroduction
        {
            MentorProfileId = mentorProfileId,
            TraineePersonId = traineePersonId,
            Status = IntroductionStatus.Pending,
            Message = text,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, 1000)],
            CreatedAt = now,
        };
        db.MentorIntroductions.Add(introduction);
        await db.SaveChangesAsync(cancellationToken);
        Notify(profile.PersonId, introduction.Id, MentorNotificationKind.IntroductionRequested, $"{traineeName} asks you for a mentoring introduction.", now);
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(introduction.Id, cancellationToken))!;
    }

    /// <summary>The mentor accepts: the trainee takes one of their places. Refused when every place is taken.</summary>
    public async Task<IntroductionView> AcceptAsync(long introductionId, long mentorPersonId, string? response, CancellationToken cancellationToken = default)
    {
        var introduction = await ForMentorAsync(introductionId, mentorPersonId, cancellationToken);
        RequireStatus(introduction, IntroductionStatus.Pending, "accept");
        var accepted = await db.MentorIntroductions.CountAsync(i => i.MentorProfileId == introduction.MentorProfileId && i.Status == IntroductionStatus.Accepted, cancellationToken);
        if (accepted >= introduction.MentorProfile!.Capacity)
        {
            throw new MentorRuleException("Every one of your mentee places is taken: end a mentoring or raise your capacity first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        introduction.Status = IntroductionStatus.Accepted;
        introduction.RespondedAt = now;
        await MarkAnsweredAsync(introduction, now, cancellationToken);
        introduction.ResponseMessage = Clean(response);
        Notify(introduction.TraineePersonId, introduction.Id, MentorNotificationKind.IntroductionAccepted, $"{introduction.MentorProfile.Person!.DisplayName} accepted your introduction request.", now);
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(introductionId, cancellationToken))!;
    }

    public async Task<IntroductionView> DeclineAsync(long introductionId, long mentorPersonId, string? response, CancellationToken cancellationToken = default)
    {
        var introduction = await ForMentorAsync(introductionId, mentorPersonId, cancellationToken);
        RequireStatus(introduction, IntroductionStatus.Pending, "decline");
        var now = clock.GetUtcNow().UtcDateTime;
        introduction.Status = IntroductionStatus.Declined;
        introduction.RespondedAt = now;
        introduction.ResponseMessage = Clean(response);
        await MarkAnsweredAsync(introduction, now, cancellationToken);
        Notify(introduction.TraineePersonId, introduction.Id, MentorNotificationKind.IntroductionDeclined, $"{introduction.MentorProfile!.Person!.DisplayName} declined your introduction request.", now);
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(introductionId, cancellationToken))!;
    }

    /// <summary>The trainee takes back a request the mentor has not answered.</summary>
    public async Task<IntroductionView> WithdrawAsync(long introductionId, long traineePersonId, CancellationToken cancellationToken = default)
    {
        var introduction = await db.MentorIntroductions.Include(i => i.TraineePerson).Include(i => i.MentorProfile)
            .FirstOrDefaultAsync(i => i.Id == introductionId && i.TraineePersonId == traineePersonId, cancellationToken)
            ?? throw new MentorRuleException("No such introduction request of yours.");
        RequireStatus(introduction, IntroductionStatus.Pending, "withdraw");
        var now = clock.GetUtcNow().UtcDateTime;
        introduction.Status = IntroductionStatus.Withdrawn;
        introduction.RespondedAt = now;
        Notify(introduction.MentorProfile!.PersonId, introduction.Id, MentorNotificationKind.IntroductionWithdrawn, $"{introduction.TraineePerson!.DisplayName} withdrew their introduction request.", now);
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(introductionId, cancellationToken))!;
    }

    /// <summary>Either side ends an accepted mentoring; the mentor's place is free again.</summary>
    public async Task<IntroductionView> EndAsync(long introductionId, long personId, CancellationToken cancellationToken = default)
    {
        var introduction = await db.MentorIntroductions.Include(i => i.TraineePerson).Include(i => i.MentorProfile).ThenInclude(p => p!.Person)
            .FirstOrDefaultAsync(i => i.Id == introductionId && (i.TraineePersonId == personId || i.MentorProfile!.PersonId == personId), cancellationToken)
            ?? throw new MentorRuleException("No such mentoring of yours.");
        RequireStatus(introduction, IntroductionStatus.Accepted, "end");
        var now = clock.GetUtcNow().UtcDateTime;
        introduction.Status = IntroductionStatus.Ended;
        introduction.EndedAt = now;
        var byMentor = introduction.MentorProfile!.PersonId == personId;
        var who = byMentor ? introduction.MentorProfile.Person!.DisplayName : introduction.TraineePerson!.DisplayName;
        Notify(byMentor ? introduction.TraineePersonId : introduction.MentorProfile.PersonId, introduction.Id, MentorNotificationKind.MentoringEnded, $"{who} ended the mentoring.", now);
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(introductionId, cancellationToken))!;
    }

    /// <summary>
    /// The mentor blocks the trainee of an introduction: the mentor is never recommended to them again, they cannot send
    /// requests, and their pending requests are declined (the trainee sees a decline, not a block).
    /// </summary>
    public async Task BlockAsync(long introductionId, long mentorPersonId, CancellationToken cancellationToken = default)
    {
        var introduction = await ForMentorAsync(introductionId, mentorPersonId, cancellationToken);
        await BlockPersonAsync(introduction.MentorProfileId, introduction.TraineePersonId, cancellationToken);
    }

    public async Task BlockPersonAsync(long mentorProfileId, long traineePersonId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.MentorBlocks.AnyAsync(b => b.MentorProfileId == mentorProfileId && b.TraineePersonId == traineePersonId, cancellationToken))
        {
            db.MentorBlocks.Add(new MentorBlock { MentorProfileId = mentorProfileId, TraineePersonId = traineePersonId, CreatedAt = now });
        }

        var pending = await db.MentorIntroductions.Include(i => i.MentorProfile).ThenInclude(p => p!.Person)
            .Where(i => i.MentorProfileId == mentorProfileId && i.TraineePersonId == traineePersonId && i.Status == IntroductionStatus.Pending)
            .ToListAsync(cancellationToken);
        foreach (var introduction in pending)
        {
            introduction.Status = IntroductionStatus.Declined;
            introduction.RespondedAt = now;
            Notify(traineePersonId, introduction.Id, MentorNotificationKind.IntroductionDeclined, $"{introduction.MentorProfile!.Person!.DisplayName} declined your introduction request.", now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task UnblockAsync(long mentorPersonId, long traineePersonId, CancellationToken cancellationToken = default)
    {
        var profileId = await db.MentorProfiles.Where(p => p.PersonId == mentorPersonId).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new MentorRuleException("You have no mentor profile.");
        await db.MentorBlocks.Where(b => b.MentorProfileId == profileId && b.TraineePersonId == traineePersonId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>People a mentor has blocked, by name.</summary>
    public async Task<IReadOnlyList<(long PersonId, string Name, DateTime Since)>> BlockedAsync(long mentorPersonId, CancellationToken cancellationToken = default)
    {
        var rows = await db.MentorBlocks.Where(b => b.MentorProfile!.PersonId == mentorPersonId)
            .Select(b => new { b.TraineePersonId, b.TraineePerson!.DisplayName, b.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).Select(r => (r.TraineePersonId, r.DisplayName, r.CreatedAt)).ToList();
    }

    public async Task<IntroductionView?> GetAsync(long introductionId, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(db.MentorIntroductions.Where(i => i.Id == introductionId), cancellationToken)).FirstOrDefault();

    /// <summary>Requests a person received as a mentor, newest first.</summary>
    public async Task<IReadOnlyList<IntroductionView>> ReceivedAsync(long mentorPersonId, CancellationToken cancellationToken = default) =>
        await ViewsAsync(db.MentorIntroductions.Where(i => i.MentorProfile!.PersonId == mentorPersonId), cancellationToken);

    /// <summary>Requests a person sent as a trainee, newest first.</summary>
    public async Task<IReadOnlyList<IntroductionView>> SentAsync(long traineePersonId, CancellationToken cancellationToken = default) =>
        await ViewsAsync(db.MentorIntroductions.Where(i => i.TraineePersonId == traineePersonId), cancellationToken);

    /// <summary>All introductions (administrators and the CLI), newest first.</summary>
    public async Task<IReadOnlyList<IntroductionView>> AllAsync(int count, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(db.MentorIntroductions, cancellationToken)).Take(count).ToList();

    public async Task<IReadOnlyList<NotificationView>> NotificationsAsync(long personId, int count, CancellationToken cancellationToken = default)
    {
        var rows = await db.MentorNotifications.AsNoTracking().Where(n => n.PersonId == personId).ToListAsync(cancellationToken);
        return rows.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(count)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Text, n.IntroductionId, n.CreatedAt, n.ReadAt is not null)).ToList();
    }

    public async Task<int> UnreadCountAsync(long personId, CancellationToken cancellationToken = default) =>
        await db.MentorNotifications.CountAsync(n => n.PersonId == personId && n.ReadAt == null, cancellationToken);

    public async Task MarkReadAsync(long personId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = await db.MentorNotifications.Where(n => n.PersonId == personId && n.ReadAt == null).ToListAsync(cancellationToken);
        foreach (var notification in unread)
        {
            notification.ReadAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<MentorIntroduction> ForMentorAsync(long introductionId, long mentorPersonId, CancellationToken cancellationToken) =>
        await db.MentorIntroductions.Include(i => i.MentorProfile).ThenInclude(p => p!.Person)
            .FirstOrDefaultAsync(i => i.Id == introductionId && i.MentorProfile!.PersonId == mentorPersonId, cancellationToken)
        ?? throw new MentorRuleException("No such introduction request to you.");

    /// <summary>Answering a request also reads its notice: the notice asked for exactly this.</summary>
    private async Task MarkAnsweredAsync(MentorIntroduction introduction, DateTime now, CancellationToken cancellationToken)
    {
        var notices = await db.MentorNotifications.Where(n => n.IntroductionId == introduction.Id && n.PersonId == introduction.MentorProfile!.PersonId && n.ReadAt == null).ToListAsync(cancellationToken);
        foreach (var notice in notices)
        {
            notice.ReadAt = now;
        }
    }

    private void Notify(long personId, long introductionId, MentorNotificationKind kind, string text, DateTime now) =>
        db.MentorNotifications.Add(new MentorNotification { PersonId = personId, IntroductionId = introductionId, Kind = kind, Text = text, CreatedAt = now });

    private static void RequireStatus(MentorIntroduction introduction, IntroductionStatus wanted, string action)
    {
        if (introduction.Status != wanted)
        {
            throw new MentorRuleException($"This request is {introduction.Status.ToString().ToLowerInvariant()}; only a {wanted.ToString().ToLowerInvariant()} one can be {Past(action)}.");
        }
    }

    private static string Past(string action) => action switch
    {
        "withdraw" => "withdrawn",
        "end" => "ended",
        _ => action + "ed",
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, MaxMessageLength)];

    private static async Task<List<IntroductionView>> ViewsAsync(IQueryable<MentorIntroduction> introductions, CancellationToken cancellationToken)
    {
        var rows = await introductions.AsNoTracking()
            .Select(i => new
            {
                Introduction = i,
                MentorPersonId = i.MentorProfile!.PersonId,
                MentorName = i.MentorProfile.Person!.DisplayName,
                MentorSlug = i.MentorProfile.Person.Slug,
                TraineeName = i.TraineePerson!.DisplayName,
                TraineeSlug = i.TraineePerson.Slug,
            })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Introduction.CreatedAt).ThenByDescending(r => r.Introduction.Id)
            .Select(r => new IntroductionView(r.Introduction.Id, r.Introduction.Status, r.Introduction.MentorProfileId, r.MentorPersonId, r.MentorName, r.MentorSlug,
                r.Introduction.TraineePersonId, r.TraineeName, r.TraineeSlug, r.Introduction.Message, r.Introduction.Reason, r.Introduction.ResponseMessage,
                r.Introduction.IsSynthetic, r.Introduction.CreatedAt, r.Introduction.RespondedAt, r.Introduction.EndedAt))
            .ToList();
    }
}
