using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Demo;

public class DemoCommunityTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Builds_the_planned_community_into_an_empty_store(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var scope = store.Scope();
        var demo = scope.ServiceProvider.GetRequiredService<DemoCommunity>();
        var plan = DemoPlan.Create(DemoCommunity.DefaultSeed);

        var summary = await demo.BuildAsync(DemoCommunity.DefaultSeed, progress: null);

        await using var db = store.NewDb();
        var plannedPosts = plan.Records.OfType<ImportedPost>().Count(p => p.Kind != PostKind.Repost);
        Assert.Equal(plannedPosts, await db.Posts.CountAsync(p => p.Kind != PostKind.Repost));
        Assert.Equal(plannedPosts, summary.Posts);
        Assert.Equal(plan.Accounts.Count, await db.Accounts.CountAsync());
        Assert.Equal(plan.People.Count, await db.People.CountAsync(p => p.IsSynthetic));
        Assert.Equal(0, await db.Accounts.CountAsync(a => a.PersonId == null));
        Assert.True(await db.FollowerSnapshots.CountAsync() >= 4 * plan.Accounts.Count);
        Assert.Equal(DemoCommunity.DefaultSeed, await demo.InstalledSeedAsync());
        Assert.False(await demo.IsStoreEmptyAsync());
    }

    [Fact]
    public async Task Replies_quotes_and_reposts_are_linked_to_the_posts_they_answer()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = store.Scope();
        await scope.ServiceProvider.GetRequiredService<DemoCommunity>().BuildAsync(DemoCommunity.DefaultSeed, progress: null);

        await using var db = store.NewDb();
        Assert.Equal(0, await db.Posts.CountAsync(p => p.ReplyToExternalId != null && p.ReplyToPostId == null));
        Assert.Equal(0, await db.Posts.CountAsync(p => p.QuoteOfExternalId != null && p.QuoteOfPostId == null));
        Assert.Equal(0, await db.Posts.CountAsync(p => p.RepostOfExternalId != null && p.RepostOfPostId == null));
        Assert.Equal(0, await db.Interactions.CountAsync(i => i.Kind == InteractionKind.Reply && i.TargetAccountId == null));
    }

    [Fact]
    public async Task Refuses_a_store_that_already_holds_data()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = store.NewDb();
        db.People.Add(new SoMeScholar.Core.People.Person { DisplayName = "Real Person", Slug = "real-person", CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        await using var scope = store.Scope();

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<DemoCommunity>().BuildAsync(1, progress: null));
    }
}
