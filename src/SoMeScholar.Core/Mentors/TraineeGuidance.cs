using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors.Recommendation;
using SoMeScholar.Core.People;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Mentors;

public sealed record GuidanceAccount(long AccountId, string Label, string? DisplayName, string? PersonSlug, bool IsOrganisation, bool IsMentor, string Why);

public sealed record GuidanceHashtag(string Tag, int Posts, int Participants, bool FromYourInterests);

public sealed record GuidanceThread(long PostId, string AuthorLabel, long AuthorId, string Text, string? Url, DateTime CreatedAt, int Replies, string Tag);

/// <summary>
/// The Follow / Participate / Establish steps of "Twitter as a Tool: Finding Mentorship as a Medical Trainee" (the seed
/// paper in ../shared/seeds) turned into concrete next actions from the trainee's interests and the archive: accounts to follow,
/// hashtags and threads to join, and how to present their own work.
/// </summary>
public sealed record GuidanceView(
    IReadOnlyList<string> InterestTags,
    IReadOnlyList<GuidanceAccount> AccountsToFollow,
    IReadOnlyList<GuidanceAccount> JournalsAndSocieties,
    IReadOnlyList<GuidanceHashtag> Hashtags,
    IReadOnlyList<GuidanceThread> Threads,
    IReadOnlyList<string> EstablishSteps,
    int YourAccounts,
    int YourRecentPosts,
    int YourRecentPostsWithTags,
    DateTime WindowStart,
    DateTime WindowEnd);

/// <summary>Builds <see cref="GuidanceView"/> from a request and the archive's last 90 days.</summary>
public sealed class TraineeGuidance(ScholarDb db, TimeProvider clock)
{
    public const int WindowDays = 90;

    public async Task<GuidanceView> BuildAsync(TraineeRequestInput request, long? traineePersonId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var newest = await db.Posts.Where(p => !p.IsDeleted).MaxAsync(p => (DateTime?)p.CreatedAt, cancellationToken);
        var end = newest is { } n && n < now ? n : now;
        var since = end.AddDays(-WindowDays);

        var own = traineePersonId is { } person ? await db.Accounts.Where(a => a.PersonId == person).Select(a => a.Id).ToListAsync(cancellationToken) : [];
        var tags = await InterestTagsAsync(request, since, cancellationToken);
        var followed = own.Count == 0 ? [] : (await db.Interactions.Where(i => i.Kind == InteractionKind.Follow && !i.IsDeleted && own.Contains(i.SourceAccountId) && i.TargetAccountId != null)
            .Select(i => i.TargetAccountId!.Value).ToListAsync(cancellationToken)).ToHashSet();

        var accounts = new List<GuidanceAccount>();
        var organisations = new List<GuidanceAccount>();
        var hashtags = new List<GuidanceHashtag>();
        var threads = new List<GuidanceThread>();
        if (tags.Count > 0)
        {
            var posters = await (from h in db.PostHashtags
                                 where tags.Contains(h.Tag) && h.CreatedAt >= since && h.CreatedAt <= end
                                 group h by h.AuthorId into g
                                 orderby g.Select(h => h.PostId).Distinct().Count() descending, g.Key
                                 select new { AuthorId = g.Key, Posts = g.Select(h => h.PostId).Distinct().Count() })
                .Take(60).ToListAsync(cancellationToken);
            var ids = posters.Select(p => p.AuthorId).ToList();
            var details = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new
                {
                    a.Id,
                    a.Handle,
                    a.DisplayName,
                    a.ExternalId,
                    Slug = a.Person == null ? null : a.Person.Slug,
                    Kind = a.Person == null ? (PersonKind?)null : a.Person.Kind,
                    IsMentor = a.PersonId != null && db.MentorProfiles.Any(m => m.PersonId == a.PersonId && m.Status == MentorStatus.Active),
                })
                .ToDictionaryAsync(a => a.Id, cancellationToken);
            var people = new HashSet<string>(StringComparer.Ordinal);
            foreach (var poster in posters)
            {
                // One line per person: someone with two accounts is listed with their busier one.
                if (own.Contains(poster.AuthorId) || followed.Contains(poster.AuthorId) || !details.TryGetValue(poster.AuthorId, out var a) || (a.Slug is not null && !people.Add(a.Slug)))
                {
                    continue;
                }

                var organisation = a.Kind == PersonKind.Organisation;
                var entry = new GuidanceAccount(a.Id, a.Handle ?? a.DisplayName ?? a.ExternalId, a.DisplayName, a.Slug, organisation, a.IsMentor,
                    $"{poster.Posts} {(poster.Posts == 1 ? "post" : "posts")} with {TagList(tags)} in the last {WindowDays} days");
                if (organisation)
                {
                    if (organisations.Count < 4)
                    {
                        organisations.Add(entry);
                    }
                }
                else if (accounts.Count < 8)
                {
                    accounts.Add(entry);
                }
            }

            var tagCounts = await (from h in db.PostHashtags
                                   where tags.Contains(h.Tag) && h.CreatedAt >= since && h.CreatedAt <= end
                                   group h by h.Tag into g
                                   select new { Tag = g.Key, Posts = g.Count(), Participants = g.Select(h => h.AuthorId).Distinct().Count() })
                .ToListAsync(cancellationToken);
            hashtags.AddRange(tagCounts.OrderByDescending(t => t.Posts).Select(t => new GuidanceHashtag(t.Tag, t.Posts, t.Participants, true)));
            var related = await (from h in db.PostHashtags
                                 where tags.Contains(h.Tag) && h.CreatedAt >= since && h.CreatedAt <= end
                                 join other in db.PostHashtags on h.PostId equals other.PostId
                                 where !tags.Contains(other.Tag)
                                 group other by other.Tag into g
                                 orderby g.Count() descending, g.Key
                                 select new { Tag = g.Key, Posts = g.Count(), Participants = g.Select(o => o.AuthorId).Distinct().Count() })
                .Take(5).ToListAsync(cancellationToken);
            hashtags.AddRange(related.Select(t => new GuidanceHashtag(t.Tag, t.Posts, t.Participants, false)));

            var busiest = await (from reply in db.Posts
                                 where reply.ReplyToPostId != null && !reply.IsDeleted && reply.CreatedAt >= since && reply.CreatedAt <= end
                                 join h in db.PostHashtags on reply.ReplyToPostId equals h.PostId
                                 where tags.Contains(h.Tag)
                                 group new { reply.Id, h.Tag } by reply.ReplyToPostId into g
                                 orderby g.Select(x => x.Id).Distinct().Count() descending, g.Key
                                 select new { PostId = g.Key!.Value, Replies = g.Select(x => x.Id).Distinct().Count(), Tag = g.Min(x => x.Tag) })
                .Take(5).ToListAsync(cancellationToken);
            var threadIds = busiest.Select(b => b.PostId).ToList();
            var posts = await db.Posts.AsNoTracking().Where(p => threadIds.Contains(p.Id) && !p.IsDeleted)
                .Select(p => new { p.Id, p.Text, p.Url, p.CreatedAt, p.AuthorId, Author = p.Author!.Handle ?? p.Author.DisplayName ?? p.Author.ExternalId })
                .ToDictionaryAsync(p => p.Id, cancellationToken);
            threads.AddRange(busiest.Where(b => posts.ContainsKey(b.PostId)).Select(b =>
            {
                var p = posts[b.PostId];
                return new GuidanceThread(p.Id, p.Author, p.AuthorId, p.Text, p.Url, p.CreatedAt, b.Replies, b.Tag);
            }));
        }

        if (!string.IsNullOrWhiteSpace(request.Specialty) && organisations.Count < 4)
        {
            var specialty = request.Specialty.Trim();
            var known = organisations.Select(o => o.AccountId).ToHashSet();
            var fieldOrganisations = await db.Accounts.AsNoTracking()
                .Where(a => a.Person != null && a.Person.Kind == PersonKind.Organisation && a.Person.Specialty == specialty)
                .OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Handle, a.DisplayName, a.ExternalId, a.Person!.Slug, a.Person.Profession })
                .ToListAsync(cancellationToken);
            foreach (var a in fieldOrganisations.Where(a => !known.Contains(a.Id) && !followed.Contains(a.Id)).Take(4 - organisations.Count))
            {
                organisations.Add(new GuidanceAccount(a.Id, a.Handle ?? a.DisplayName ?? a.ExternalId, a.DisplayName, a.Slug, true, false,
                    $"{(a.Profession == Profession.Journal ? "journal" : "professional society")} in {specialty}"));
            }
        }

        var recent = own.Count == 0 ? 0 : await db.Posts.CountAsync(p => own.Contains(p.AuthorId) && !p.IsDeleted && p.Kind != PostKind.Repost && p.CreatedAt >= since && p.CreatedAt <= end, cancellationToken);
        var recentWithTags = own.Count == 0 || tags.Count == 0 ? 0 : await db.PostHashtags.Where(h => own.Contains(h.AuthorId) && tags.Contains(h.Tag) && h.CreatedAt >= since && h.CreatedAt <= end)
            .Select(h => h.PostId).Distinct().CountAsync(cancellationToken);
        return new GuidanceView(tags, accounts, organisations, hashtags, threads, EstablishSteps(tags, own.Count, recent, recentWithTags), own.Count, recent, recentWithTags, since, end);
    }

    /// <summary>The hashtags of the request, and single-word topics that are hashtags people used in the window.</summary>
    private async Task<List<string>> InterestTagsAsync(TraineeRequestInput request, DateTime since, CancellationToken cancellationToken)
    {
        var tags = request.Hashtags.Select(TermAnalyzer.FoldTag).Where(t => t.Length > 0).ToList();
        var candidates = request.Topics.Select(t => t.Trim()).Where(t => t.Length > 1 && !t.Contains(' ', StringComparison.Ordinal)).Select(TermAnalyzer.FoldTag).Where(t => t.Length > 1).ToList();
        if (candidates.Count > 0)
        {
            tags.AddRange(await db.PostHashtags.Where(h => candidates.Contains(h.Tag) && h.CreatedAt >= since).Select(h => h.Tag).Distinct().ToListAsync(cancellationToken));
        }

        if (tags.Count == 0 && !string.IsNullOrWhiteSpace(request.Specialty))
        {
            // No tags stated: the hashtags people in the trainee's specialty use most.
            var specialty = request.Specialty.Trim();
            tags.AddRange(await (from h in db.PostHashtags
                                 join a in db.Accounts on h.AuthorId equals a.Id
                                 where h.CreatedAt >= since && a.Person != null && a.Person.Specialty == specialty
                                 group h by h.Tag into g
                                 orderby g.Count() descending, g.Key
                                 select g.Key).Take(3).ToListAsync(cancellationToken));
        }

        return tags.Distinct(StringComparer.Ordinal).Take(8).ToList();
    }

    private static List<string> EstablishSteps(List<string> tags, int accounts, int recent, int recentWithTags)
    {
        var steps = new List<string>();
        if (accounts == 0)
        {
            steps.Add("Link your social-media accounts to your SoMeScholar person (ask an administrator), so recommendations can use whom you follow and talk to.");
        }
        else
        {
            steps.Add($"You posted {recent} times in the last {WindowDays} days, {recentWithTags} of them with {(tags.Count == 0 ? "your interest hashtags" : TagList(tags))}.");
        }

        if (tags.Count > 0)
        {
            steps.Add($"Post about what interests you with {TagList(tags)}, so the people who follow those hashtags find you before you publish a paper.");
        }

        steps.Add("Make your own work public: share your poster, abstract, slides or case with a sentence on what you learned, a link and the hashtags above.");
        steps.Add("Let your profile say who you are: training stage, institution, interests. Keep personal and professional opinions apart from patient stories.");
        steps.Add("Check every draft with the professionalism check before posting: no patient identifiers, no unprofessional language, conflicts of interest disclosed, claims sourced.");
        return steps;
    }

    private static string TagList(List<string> tags) => string.Join(", ", tags.Take(3).Select(t => "#" + t)) + (tags.Count > 3 ? " and others" : "");
}
