using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Conference participation from the archive: the conference hashtags the person's accounts posted with, and for each
/// their posts (originals, replies, quotes), reposts, days active and impressions. A conference hashtag is one that
/// ends in a two- or four-digit year (e.g. #SMACC19, #ICRE2014, #SoMeDemo26), which tells a meeting's tag from a
/// community tag such as #MedEd. Impressions follow capability 3: Σ over the person's accounts of (their posts with the
/// tag) × the account's followers in the snapshot nearest the last of those posts.
/// </summary>
public sealed partial class ConferenceEvidence(ScholarDb db) : IPortfolioSource
{
    public PortfolioSection Section => PortfolioSection.Conferences;
    public string Title => "Conference participation";
    public string Description => "Conference hashtags the person posted with, their posts and the impressions those posts made.";

    [GeneratedRegex("^[a-z][a-z_]*[a-z_](?:[0-9]{2}|(?:19|20)[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ConferenceTag();

    public static bool IsConferenceTag(string tag) => ConferenceTag().IsMatch(PostHashtag.Normalize(tag));

    public async Task<SourceResult> GatherAsync(PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var accountIds = subject.AccountIds.ToList();
        var rows = accountIds.Count == 0
            ? []
            : await db.PostHashtags.AsNoTracking()
                .Where(h => accountIds.Contains(h.AuthorId))
                .Select(h => new { h.Tag, h.PostId, h.AuthorId, h.CreatedAt, h.Post!.Kind, h.Post.IsDeleted, h.Post.Platform })
                .ToListAsync(cancellationToken);
        var tagged = rows.Where(r => !r.IsDeleted && IsConferenceTag(r.Tag) && subject.InPeriod(r.CreatedAt)).ToList();
        var snapshots = accountIds.Count == 0
            ? []
            : await db.FollowerSnapshots.AsNoTracking().Where(s => accountIds.Contains(s.AccountId) && s.Followers != null)
                .Select(s => new { s.AccountId, s.ObservedAt, s.Followers }).ToListAsync(cancellationToken);
        var items = new List<EvidenceItem>();
        foreach (var group in tagged.GroupBy(r => r.Tag).OrderBy(g => g.Min(r => r.CreatedAt)))
        {
            var last = group.Max(r => r.CreatedAt);
            long impressions = 0;
            foreach (var perAccount in group.GroupBy(r => r.AuthorId))
            {
                var nearest = snapshots.Where(s => s.AccountId == perAccount.Key).OrderBy(s => Math.Abs((s.ObservedAt - last).Ticks)).FirstOrDefault();
                impressions += perAccount.LongCount() * (nearest?.Followers ?? 0);
            }

            var link = $"/Hashtags?tag={Uri.EscapeDataString(group.Key)}";
            var first = group.Min(r => r.CreatedAt);
            var provenance = new Provenance("archive: posts with the hashtag by the person's accounts", $"#{group.Key}, {first:yyyy-MM-dd} to {last:yyyy-MM-dd}", link, subject.Now);
            var reach = new Provenance("archive: posts × followers in the snapshot nearest the last post", $"#{group.Key}, follower snapshots of {group.Select(r => r.AuthorId).Distinct().Count()} accounts", link, subject.Now);
            var posts = group.LongCount(r => r.Kind != PostKind.Repost);
            var platforms = group.GroupBy(r => r.Platform).ToDictionary(g => g.Key.ToString(), g => (double)g.Count());
            items.Add(new EvidenceItem(
                $"event:{group.Key}",
                Section,
                "event",
                $"#{group.Key}",
                link,
                first,
                $"Posted with #{group.Key} from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}.",
                [
                    Figure.Count("posts", "Posts", posts, provenance),
                    Figure.Count("replies", "Replies", group.LongCount(r => r.Kind == PostKind.Reply), provenance),
                    Figure.Count("reposts", "Reposts", group.LongCount(r => r.Kind == PostKind.Repost), provenance),
                    Figure.Count("daysActive", "Days active", group.Select(r => r.CreatedAt.Date).Distinct().Count(), provenance),
                    Figure.Count("impressions", "Impressions", impressions, reach),
                ],
                [new Detail("Platforms", string.Join(", ", platforms.Keys.Order(StringComparer.Ordinal)))],
                new Dictionary<string, IReadOnlyDictionary<string, double>>
                {
                    ["postsByPlatform"] = platforms,
                }));
        }

        var total = new Provenance("sum over the conferences listed", $"{items.Count} conference hashtags", null, subject.Now);
        return new SourceResult(items,
        [
            Figure.Count("conferences", "Conferences", items.Count, total),
            Figure.Count("posts", "Conference posts", (long)items.Sum(i => i.FigureValue("posts")), total),
            Figure.Count("impressions", "Conference impressions", (long)items.Sum(i => i.FigureValue("impressions")), total),
        ]);
    }
}
