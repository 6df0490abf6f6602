using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Users;
using SoMeScholar.Importers;
using SoMeScholar.Testing;
using static SoMeScholar.Core.Tests.Resources.ResourceFixtures;

namespace SoMeScholar.Core.Tests.Resources;

public class ImpactAndEndorsementTests
{
    private static readonly DateTime Day = new(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Impact_counts_posts_linking_to_the_resource_after_normalisation_with_impressions_from_the_nearest_snapshot(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var member = await UserAsync(store, Roles.Member);
        var resource = await SubmitAsync(store, member, Input("https://foam.example/impact"));
        await using (var db = store.NewDb())
        {
            Account Account(string id) => new() { Platform = Platform.Bluesky, ExternalId = id, Handle = id, FirstSeenAt = Day };
            var a = Account("did:a");
            var b = Account("did:b");
            var c = Account("did:c");
            db.Accounts.AddRange(a, b, c);
            await db.SaveChangesAsync();
            db.FollowerSnapshots.AddRange(
                new FollowerSnapshot { AccountId = a.Id, ObservedAt = Day.AddDays(-30), Followers = 100 },
                new FollowerSnapshot { AccountId = a.Id, ObservedAt = Day.AddDays(1), Followers = 300 },
                new FollowerSnapshot { AccountId = b.Id, ObservedAt = Day, Followers = 50 });
            Post Post(Account author, string id, int day, PostKind kind = PostKind.Original, string? link = null, bool deleted = false, Post? of = null)
            {
                var post = new Post { Platform = Platform.Bluesky, ExternalId = id, Author = author, Kind = kind, Text = "see " + link, CreatedAt = Day.AddDays(day), IsDeleted = deleted, RepostOfPostId = of?.Id };
                if (link is not null)
                {
                    post.Links.Add(new PostLink { Url = link, Domain = new Uri(link).Host });
                }

                return post;
            }

            var first = Post(a, "p1", 0, link: "http://www.foam.example/impact/?utm_source=bsky");
            var second = Post(b, "p2", 1, PostKind.Reply, "https://FOAM.example/impact#comments");
            db.Posts.AddRange(first, second, Post(c, "p3", 1, link: "https://foam.example/other"), Post(a, "p4", 1, link: "https://foam.example/impact", deleted: true));
            await db.SaveChangesAsync();
            db.Posts.AddRange(Post(b, "r1", 2, PostKind.Repost, of: first), Post(c, "r2", 2, PostKind.Repost, of: first));
            await db.SaveChangesAsync();
        }

        await using var scope = store.Scope();
        var impact = await scope.ServiceProvider.GetRequiredService<ResourceImpact>().ForResourceAsync(resource.Id);
        var counts = await scope.ServiceProvider.GetRequiredService<ResourceImpact>().PostCountsAsync();

        Assert.Equal(2, impact.Posts);
        Assert.Equal(2, impact.Reposts);
        Assert.Equal(3, impact.Accounts);
        // a: 1 post × 300 (snapshot a day after the window's end is nearer than the one 32 days before);
        // b: (1 post + 1 repost) × 50; c: 1 repost, no snapshot.
        Assert.Equal(400, impact.Impressions);
        Assert.Equal(1, impact.AccountsWithoutFollowers);
        Assert.Equal(4, impact.AttentionScore);
        Assert.Equal([1L, 1L, 0L], impact.Timeline.Select(d => d.Posts));
        Assert.Equal(2, counts[resource.Id]);
    }

    [Fact]
    public void Altmetric_contributions_are_whole_numbers_and_small_sources_count_at_least_one()
    {
        Assert.Equal(1, ResourceImpact.Contribution(1, 0.25));
        Assert.Equal(1, ResourceImpact.Contribution(4, 0.25));
        Assert.Equal(2, ResourceImpact.Contribution(6, 0.25));
        Assert.Equal(10, ResourceImpact.Contribution(2, 5));
        Assert.Equal(0, ResourceImpact.Contribution(0, 8));
        Assert.Equal(0, ResourceImpact.Contribution(7, 0));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Endorsements_are_one_per_person_withdrawable_and_expert_ones_need_the_flag_an_administrator_grants(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var submitter = await UserAsync(store, Roles.Member);
        var member = await UserAsync(store, Roles.Member, "member-one");
        var expertUser = await UserAsync(store, Roles.Reviewer, "expert-one");
        var moderator = await UserAsync(store, Roles.Moderator);
        var admin = await UserAsync(store, Roles.Administrator);
        var resource = await SubmitAsync(store, submitter, Input("https://foam.example/endorse"));
        await using var scope = store.Scope();
        var endorsements = scope.ServiceProvider.GetRequiredService<Endorsements>();
        var actors = scope.ServiceProvider.GetRequiredService<ResourceActors>();

        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => endorsements.EndorseAsync(expertUser, resource.Id, asExpert: true, null));
        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => endorsements.GrantExpertAsync(moderator, "expert-one", "airway"));
        var grant = await endorsements.GrantExpertAsync(admin, "expert-one", "airway");
        var expert = await actors.ForUserNameAsync("expert-one");
        await endorsements.EndorseAsync(expert, resource.Id, asExpert: true, "Accurate and current.");
        await endorsements.EndorseAsync(member, resource.Id, asExpert: false, null);
        await Assert.ThrowsAsync<ResourceRuleException>(() => endorsements.EndorseAsync(member, resource.Id, asExpert: false, null));
        var counts = (await endorsements.CountsAsync())[resource.Id];
        var withdrawn = await endorsements.WithdrawAsync(member, resource.Id);
        var afterwards = (await endorsements.CountsAsync())[resource.Id];

        Assert.Equal(admin.UserId, grant.GrantedByUserId);
        Assert.True(expert.IsExpert);
        Assert.Equal(new EndorsementCounts(1, 1), counts);
        Assert.True(withdrawn);
        Assert.Equal(new EndorsementCounts(0, 1), afterwards);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Uptake_reports_aggregate_per_resource_and_per_author(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var author = await PersonAsync(store, "Ana Author");
        var submitter = await UserAsync(store, Roles.Member);
        var teacher = await UserAsync(store, Roles.Member);
        var first = await SubmitAsync(store, submitter, Input("https://foam.example/u1", "One", author));
        var second = await SubmitAsync(store, submitter, Input("https://foam.example/u2", "Two", author));
        await using var scope = store.Scope();
        var uptake = scope.ServiceProvider.GetRequiredService<UptakeReporting>();

        await uptake.ReportAsync(teacher, first.Id, new UptakeInput(UptakeType.TeachingTool, "PGY1 half-day", 24, "Pre-reading.", KtaPhase.Implement));
        await uptake.ReportAsync(teacher, first.Id, new UptakeInput(UptakeType.ClinicalPracticeChange, "ED", 10, "Changed our checklist.", KtaPhase.Sustain));
        await uptake.ReportAsync(teacher, second.Id, new UptakeInput(UptakeType.ResearchMethodology, "Study", null, "Interview guide.", KtaPhase.Evaluate));
        var invalid = await Assert.ThrowsAsync<ResourceRuleException>(() => uptake.ReportAsync(teacher, second.Id, new UptakeInput(UptakeType.TeachingTool, " ", 3, "x", KtaPhase.Monitor)));
        var perResource = await uptake.PerResourceAsync();
        var perAuthor = (await uptake.PerAuthorAsync()).Single();

        Assert.Equal("setting", invalid.Field);
        Assert.Equal([(first.Id, 2L, 34L), (second.Id, 1L, 0L)], perResource.Select(r => (r.ResourceId, r.Summary.Reports, r.Summary.Audience)));
        Assert.Equal((author, 2L, 3L), (perAuthor.PersonId, perAuthor.Resources, perAuthor.Summary.Reports));
        Assert.Equal(1, perAuthor.Summary.ByPhase[KtaPhase.Sustain]);
        Assert.Equal(3, (await uptake.ForAuthorAsync(author)).Reports);
    }
}
