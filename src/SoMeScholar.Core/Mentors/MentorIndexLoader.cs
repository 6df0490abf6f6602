using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors.Recommendation;
using SoMeScholar.Core.People;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Mentors;

/// <summary>What changes in the store make an index out of date: mentor profiles (checked on every query) and the archive.</summary>
public readonly record struct ProfileStamp(int Profiles, DateTime? LastUpdate);

public readonly record struct ArchiveStamp(long LastPost, long LastInteraction, long LastAccount);

/// <summary>A built index with the account-id mapping and what it was built from.</summary>
public sealed class MentorIndexSnapshot(MentorIndex index, long[] accountIds, ProfileStamp profiles, ArchiveStamp archive, DateTime builtAt, TimeSpan buildTime)
{
    private readonly Dictionary<long, int> _denseByAccount = accountIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);

    public MentorIndex Index { get; } = index;
    public ProfileStamp Profiles { get; } = profiles;
    public ArchiveStamp Archive { get; } = archive;
    public DateTime BuiltAt { get; } = builtAt;
    public TimeSpan BuildTime { get; } = buildTime;

    /// <summary>The index's number for a stored account id, or -1.</summary>
    public int DenseAccount(long accountId) => _denseByAccount.TryGetValue(accountId, out var dense) ? dense : -1;

    public long AccountId(int dense) => accountIds[dense];
}

/// <summary>
/// Reads the store into a <see cref="MentorIndex"/>: every account, the follow graph, engagement edges, who is a
/// trainee, the opted-in mentors (active or paused) with their accounts, and a year of their posts, hashtags and links.
/// Streams each table once; memory is the index itself plus one year of mentor posts' hashtags and links.
/// </summary>
public static class MentorIndexLoader
{
    private static readonly InteractionKind[] EngagementKinds = [InteractionKind.Reply, InteractionKind.Mention, InteractionKind.Quote, InteractionKind.Repost, InteractionKind.Like];

    public static async Task<ProfileStamp> ProfileStampAsync(ScholarDb db, CancellationToken cancellationToken)
    {
        // One round trip: SELECT COUNT(*), MAX(updated_at).
        var stamp = await db.MentorProfiles.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Last = g.Max(p => (DateTime?)p.UpdatedAt) }).SingleOrDefaultAsync(cancellationToken);
        return new ProfileStamp(stamp?.Count ?? 0, stamp?.Last);
    }

    public static async Task<ArchiveStamp> ArchiveStampAsync(ScholarDb db, CancellationToken cancellationToken) =>
        new(await db.Posts.MaxAsync(p => (long?)p.Id, cancellationToken) ?? 0,
            await db.Interactions.MaxAsync(i => (long?)i.Id, cancellationToken) ?? 0,
            await db.Accounts.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0);

    public static async Task<MentorIndexSnapshot> LoadAsync(ScholarDb db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var profileStamp = await ProfileStampAsync(db, cancellationToken);
        var archiveStamp = await ArchiveStampAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var newest = await db.Posts.Where(p => !p.IsDeleted).MaxAsync(p => (DateTime?)p.CreatedAt, cancellationToken);
        var oldest = await db.Posts.Where(p => !p.IsDeleted).MinAsync(p => (DateTime?)p.CreatedAt, cancellationToken);
        // "Recent" ends at the newest archived post when the archive has not been refreshed lately, so an old
        // archive does not make every mentor look inactive.
        var reference = newest is { } n && n < now ? n : now;

        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.PersonId }).ToListAsync(cancellationToken);
        var accountIds = accounts.Select(a => a.Id).ToArray();
        var dense = new Dictionary<long, int>(accountIds.Length);
        for (var i = 0; i < accountIds.Length; i++)
        {
            dense[accountIds[i]] = i;
        }

        var accountsByPerson = accounts.Where(a => a.PersonId is not null).GroupBy(a => a.PersonId!.Value).ToDictionary(g => g.Key, g => g.Select(a => dense[a.Id]).ToList());
        var builder = new MentorIndexBuilder(accountIds.Length, reference);
        if (oldest is { } start)
        {
            builder.ObserveArchiveStart(start);
        }

        var profiles = await db.MentorProfiles.AsNoTracking()
            .Where(p => p.Status != MentorStatus.Left)
            .OrderBy(p => p.Id)
            .Select(p => new { Profile = p, p.Person!.DisplayName, PersonSpecialty = p.Person.Specialty, PersonTimeZone = p.Person.TimeZone, PersonLanguages = p.Person.Languages })
            .ToListAsync(cancellationToken);
        var mentorPersons = new HashSet<long>();
        foreach (var row in profiles)
        {
            var p = row.Profile;
            mentorPersons.Add(p.PersonId);
            builder.AddMentor(new IndexedMentor(
                p.Id,
                p.PersonId,
                row.DisplayName,
                p.Specialty ?? row.PersonSpecialty,
                p.CareerStage,
                p.TimeZone ?? row.PersonTimeZone,
                Languages.Split(p.Languages ?? row.PersonLanguages),
                p.Offers,
                p.Capacity,
                MentorText.Lines(p.Topics),
                accountsByPerson.GetValueOrDefault(p.PersonId) ?? [],
                p.Status == MentorStatus.Active));
        }

        foreach (var personId in await TraineePeopleAsync(db, cancellationToken))
        {
            foreach (var account in accountsByPerson.GetValueOrDefault(personId) ?? [])
            {
                builder.MarkTrainee(account);
            }
        }

        await foreach (var edge in db.Interactions.AsNoTracking()
                           .Where(i => i.Kind == InteractionKind.Follow && !i.IsDeleted && i.TargetAccountId != null)
                           .Select(i => new { i.SourceAccountId, Target = i.TargetAccountId!.Value })
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddFollow(dense[edge.SourceAccountId], dense[edge.Target]);
        }

        await foreach (var edge in db.Interactions.AsNoTracking()
                           .Where(i => EngagementKinds.Contains(i.Kind) && !i.IsDeleted && i.TargetAccountId != null)
                           .Select(i => new { i.SourceAccountId, Target = i.TargetAccountId!.Value, i.Kind, i.OccurredAt })
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddEngagement(dense[edge.SourceAccountId], dense[edge.Target], edge.Kind, edge.OccurredAt);
        }

        await AddMentorPostsAsync(db, builder, dense, reference.AddDays(-MentorIndexBuilder.InterestWindowDays), cancellationToken);
        builder.DetectCommunities();
        var index = builder.Build();
        return new MentorIndexSnapshot(index, accountIds, profileStamp, archiveStamp, now, watch.Elapsed);
    }

    /// <summary>People the recommender treats as trainees: the Trainee role, residents and students, and anyone with a trainee request.</summary>
    public static async Task<HashSet<long>> TraineePeopleAsync(ScholarDb db, CancellationToken cancellationToken)
    {
        var people = new HashSet<long>(await db.PersonRoles.Where(r => r.Role == CommunityRole.Trainee).Select(r => r.PersonId).ToListAsync(cancellationToken));
        people.UnionWith(await db.People.Where(p => p.Profession == Profession.Resident || p.Profession == Profession.MedicalStudent).Select(p => p.Id).ToListAsync(cancellationToken));
        people.UnionWith(await db.TraineeRequests.Select(r => r.PersonId).ToListAsync(cancellationToken));
        return people;
    }

    private static async Task AddMentorPostsAsync(ScholarDb db, MentorIndexBuilder builder, Dictionary<long, int> dense, DateTime since, CancellationToken cancellationToken)
    {
        var mentorAccounts = from a in db.Accounts
                             join p in db.MentorProfiles on a.PersonId equals p.PersonId
                             where p.Status != MentorStatus.Left
                             select a.Id;
        var posts = db.Posts.AsNoTracking().Where(p => !p.IsDeleted && p.Kind != PostKind.Repost && p.CreatedAt >= since && mentorAccounts.Contains(p.AuthorId));

        var hashtags = new Dictionary<long, List<string>>();
        await foreach (var tag in db.PostHashtags.AsNoTracking().Where(h => h.CreatedAt >= since && mentorAccounts.Contains(h.AuthorId))
                           .Select(h => new { h.PostId, h.Tag }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            (hashtags.TryGetValue(tag.PostId, out var list) ? list : hashtags[tag.PostId] = []).Add(tag.Tag);
        }

        var links = new Dictionary<long, List<string>>();
        await foreach (var link in (from l in db.PostLinks join p in posts on l.PostId equals p.Id select new { l.PostId, l.Url })
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            (links.TryGetValue(link.PostId, out var list) ? list : links[link.PostId] = []).Add(link.Url);
        }

        await foreach (var post in posts.Select(p => new { p.Id, p.AuthorId, p.CreatedAt, p.Text }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Links usually appear in the text as well; terms count once per post, so the two copies merge.
            builder.AddPost(dense[post.AuthorId], post.CreatedAt, post.Text, hashtags.GetValueOrDefault(post.Id), links.GetValueOrDefault(post.Id));
        }
    }
}
