using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Discussion contributions (capability 5): the published comments the person's sign-ins wrote, one item per thread,
/// with the comments written there, replies they received and reactions to them. A thread belongs to a period by the
/// person's first published comment in it; comments held for moderation, hidden or rejected are not counted.
/// </summary>
public sealed class DiscussionEvidence(ScholarDb db) : IPortfolioSource
{
    public PortfolioSection Section => PortfolioSection.Discussions;
    public string Title => "Discussion contributions";
    public string Description => "Published comments in moderated post-publication discussions.";

    public async Task<SourceResult> GatherAsync(PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var userIds = subject.UserIds.ToList();
        var comments = userIds.Count == 0
            ? []
            : await db.Comments.AsNoTracking()
                .Where(c => c.AuthorUserId != null && userIds.Contains(c.AuthorUserId) && c.Status == CommentStatus.Published)
                .Select(c => new { c.Id, c.ThreadId, ThreadTitle = c.Thread!.Title, c.Thread.SubjectKind, At = c.PublishedAt ?? c.CreatedAt })
                .ToListAsync(cancellationToken);
        var ids = comments.Select(c => c.Id).ToList();
        var replies = ids.Count == 0
            ? []
            : await db.Comments.AsNoTracking().Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value) && c.Status == CommentStatus.Published && (c.AuthorUserId == null || !userIds.Contains(c.AuthorUserId)))
                .Select(c => c.ParentId!.Value).ToListAsync(cancellationToken);
        var reactions = ids.Count == 0
            ? []
            : await db.CommentReactions.AsNoTracking().Where(r => ids.Contains(r.CommentId)).Select(r => r.CommentId).ToListAsync(cancellationToken);
        var items = new List<EvidenceItem>();
        foreach (var thread in comments.GroupBy(c => c.ThreadId).OrderBy(g => g.Min(c => c.At)))
        {
            var first = thread.Min(c => c.At);
            if (!subject.InPeriod(first))
            {
                continue;
            }

            var mine = thread.Select(c => c.Id).ToHashSet();
            var link = $"/Discussions/Thread/{thread.Key}";
            var provenance = new Provenance("discussion comments (published)", $"{mine.Count} comments in thread {thread.Key}", link, subject.Now);
            var title = thread.First().ThreadTitle;
            items.Add(new EvidenceItem(
                $"discussion:{thread.Key}",
                Section,
                "discussion",
                $"Discussion: {title}",
                link,
                first,
                $"{mine.Count} published comments on \u201c{title}\u201d ({thread.First().SubjectKind}) from {first:yyyy-MM-dd}",
                [
                    Figure.Count("comments", "Comments", mine.Count, provenance),
                    Figure.Count("replies", "Replies received", replies.Count(mine.Contains), provenance),
                    Figure.Count("reactions", "Reactions received", reactions.Count(mine.Contains), provenance),
                ],
                [new Detail("Subject", thread.First().SubjectKind.ToString())],
                new Dictionary<string, IReadOnlyDictionary<string, double>>()));
        }

        var total = new Provenance("sum over the threads listed", $"{items.Count} threads", null, subject.Now);
        return new SourceResult(items,
        [
            Figure.Count("threads", "Threads", items.Count, total),
            Figure.Count("comments", "Comments", (long)items.Sum(i => i.FigureValue("comments")), total),
        ]);
    }
}
