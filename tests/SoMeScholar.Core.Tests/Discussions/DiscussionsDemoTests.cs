using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.People;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Discussions;

public class DiscussionsDemoTests
{
    [Fact]
    public async Task The_demo_adds_a_consensus_statement_open_for_comment_flags_and_a_moderation_history_all_synthetic()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
        var plan = DemoPlan.Create(DemoCommunity.DefaultSeed);
        var rows = new Dictionary<int, Person>();
        foreach (var person in plan.People)
        {
            var row = new Person { DisplayName = person.DisplayName, Slug = person.Slug, Kind = person.Kind, IsSynthetic = true, CreatedAt = DemoPlan.WindowStart };
            row.Roles.AddRange(person.Roles.Select(r => new PersonRole { Role = r }));
            rows[person.Index] = row;
        }

        db.People.AddRange(rows.Values);
        await db.SaveChangesAsync();
        var ids = rows.ToDictionary(r => r.Key, r => r.Value.Id);

        var demo = scope.ServiceProvider.GetServices<IDemoContribution>().OfType<DiscussionsDemo>().Single();
        await demo.AddAsync(new DemoContext(plan, ids, new Random(7)), CancellationToken.None);

        var threads = await db.DiscussionThreads.AsNoTracking().ToListAsync();
        var comments = await db.Comments.AsNoTracking().ToListAsync();
        var actions = await db.ModerationActions.AsNoTracking().Select(a => a.Action).ToListAsync();
        Assert.All(threads, t => Assert.True(t.IsSynthetic));
        Assert.All(comments, c => Assert.True(c.IsSynthetic));
        Assert.Contains(threads, t => t.Title.StartsWith("Consensus statement", StringComparison.Ordinal) && t.OpenUntil == DiscussionsDemo.ConsensusOpenUntil);
        Assert.Contains(threads, t => t.IsLocked);
        Assert.Contains(comments, c => c.Status == CommentStatus.Pending);
        Assert.Contains(comments, c => c.Status == CommentStatus.Hidden);
        Assert.Contains(comments, c => c.ParentId is not null && c.QuotedCommentId is not null);
        Assert.True(await db.CommentFlags.CountAsync() >= 6);
        Assert.True(await db.CommentReactions.AnyAsync());
        Assert.Superset(new HashSet<ModerationActionKind> { ModerationActionKind.CommentQueued, ModerationActionKind.CommentFlagged, ModerationActionKind.CommentAutoHidden, ModerationActionKind.CommentRestored, ModerationActionKind.ThreadLocked }, actions.ToHashSet());
        Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<Moderation>().QueueAsync());
    }
}
