using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Reviews;
using SoMeScholar.Core.Users;
using SoMeScholar.Importers;

namespace SoMeScholar.Testing.Portfolio;

/// <summary>
/// A small community with a full portfolio for one person ("Ada Author"), built through the real operations where
/// they exist (registry, review workflow, endorsements, uptake) and archive rows otherwise:
/// - Ada authors "Airway pearls" (licensed, archived snapshot), linked by 2 posts of Bo's account (followers 200) and reposted once;
///   reviewed with rMETRIQ by Bo; endorsed by Cy (member); used by Cy as a teaching tool (audience 40).
/// - Ada reviews Bo's resource "Sepsis primer" with rMETRIQ.
/// - Ada's Bluesky account (followers 100 nearest) posts 3 times with #SMACC26 (one reply) and once with #MedEd.
/// - Ada comments twice in the discussion "Airway pearls: questions" (one more comment is held for moderation), Bo
///   replies to her first comment and Cy reacts to it.
/// - Ada mentors: she accepted Cy's introduction (another trainee's is still pending).
/// </summary>
public sealed record PortfolioFixture(long AdaId, string AdaSlug, string AdaUserId, string AdaUserName, string AdaPassword, long BoId, long AirwayId, long SepsisId, long AdaReviewId)
{
    public static readonly DateTime Day = new(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc);

    public static async Task<PortfolioFixture> CreateAsync(TestStore store)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        long ada, bo, cy;
        long adaAccount, boAccount;
        await using (var db = store.NewDb())
        {
            Person Person(string name) => new() { DisplayName = name, Slug = $"{name.ToLowerInvariant().Replace(' ', '-')}-{suffix}", Specialty = "Emergency Medicine", Institution = "Example University", CreatedAt = Day };
            var people = new[] { Person("Ada Author"), Person("Bo Reviewer"), Person("Cy Member") };
            db.People.AddRange(people);
            await db.SaveChangesAsync();
            (ada, bo, cy) = (people[0].Id, people[1].Id, people[2].Id);
            var a = new Account { Platform = Platform.Bluesky, ExternalId = "did:ada:" + suffix, Handle = "ada.example", FirstSeenAt = Day, PersonId = ada };
            var b = new Account { Platform = Platform.Mastodon, ExternalId = "https://mastodon.example/users/bo" + suffix, Handle = "bo@mastodon.example", FirstSeenAt = Day, PersonId = bo };
            db.Accounts.AddRange(a, b);
            await db.SaveChangesAsync();
            (adaAccount, boAccount) = (a.Id, b.Id);
            db.FollowerSnapshots.AddRange(
                new FollowerSnapshot { AccountId = a.Id, ObservedAt = Day.AddDays(-60), Followers = 10 },
                new FollowerSnapshot { AccountId = a.Id, ObservedAt = Day.AddDays(2), Followers = 100 },
                new FollowerSnapshot { AccountId = b.Id, ObservedAt = Day, Followers = 200 });
            await db.SaveChangesAsync();
        }

        var (adaUser, adaPassword) = await UserAsync(store, Roles.Member, ada);
        var (boUser, _) = await UserAsync(store, Roles.Reviewer, bo);
        var (cyUser, _) = await UserAsync(store, Roles.Member, cy);
        var adaReviewer = adaUser with { Roles = new HashSet<string>([Roles.Member, Roles.Reviewer]) };
        await using (var scope = store.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ScholarUser>>();
            var user = await users.FindByIdAsync(adaUser.UserId);
            await users.AddToRoleAsync(user!, Roles.Reviewer);
        }

        long airway, sepsis, adaReview;
        await using (var scope = store.Scope())
        {
            var registry = scope.ServiceProvider.GetRequiredService<ResourceRegistry>();
            var airwayResource = await registry.SubmitAsync(adaUser, new ResourceInput
            {
                Url = $"https://foam.example/airway-{suffix}",
                Type = ResourceType.BlogPost,
                Title = "Airway pearls",
                Publisher = "Example FOAM",
                Specialty = "Emergency Medicine",
                Licence = "CC BY 4.0",
                PublishedAt = Day.AddDays(-10),
                Topics = ["Airway management"],
                Authors = [new AuthorInput(null, ada), new AuthorInput("A. Colleague")],
            });
            var sepsisResource = await registry.SubmitAsync(boUser, new ResourceInput
            {
                Url = $"https://foam.example/sepsis-{suffix}",
                Type = ResourceType.PodcastEpisode,
                Title = "Sepsis primer",
                PublishedAt = Day.AddDays(-5),
                Authors = [new AuthorInput(null, bo)],
            });
            (airway, sepsis) = (airwayResource.Id, sepsisResource.Id);

            var instruments = scope.ServiceProvider.GetRequiredService<InstrumentCatalog>();
            var rmetriq = await instruments.GetLatestAsync("rmetriq");
            var workflow = scope.ServiceProvider.GetRequiredService<ReviewWorkflow>();
            var boAssignment = await workflow.VolunteerAsync(boUser, airway, rmetriq.Id);
            await workflow.DeclareAsync(boUser, boAssignment.Id, false, null);
            await workflow.SubmitAsync(boUser, boAssignment.Id, new ReviewInput(Scores(3, 3, 2, 3), "Clear and well referenced.", Recommendation.Recommend));
            var adaAssignment = await workflow.VolunteerAsync(adaReviewer, sepsis, rmetriq.Id);
            await workflow.DeclareAsync(adaReviewer, adaAssignment.Id, false, null);
            adaReview = (await workflow.SubmitAsync(adaReviewer, adaAssignment.Id, new ReviewInput(Scores(2, 2, 2, 1), "Useful; add references.", Recommendation.RecommendWithRevisions))).Id;

            await scope.ServiceProvider.GetRequiredService<Endorsements>().EndorseAsync(cyUser, airway, asExpert: false, "Great for juniors.");
            await scope.ServiceProvider.GetRequiredService<UptakeReporting>().ReportAsync(cyUser, airway,
                new UptakeInput(UptakeType.TeachingTool, "PGY1 academic half-day", 40, "Assigned as pre-reading.", KtaPhase.Implement));
        }

        await using (var db = store.NewDb())
        {
            db.ResourceSnapshots.Add(new ResourceSnapshot { ResourceId = airway, ResourceVersion = 1, FetchedAt = Day, Outcome = SnapshotOutcome.Archived, HttpStatus = 200, Sha256 = new string('a', 64), Text = "Airway pearls" });
            Post Post(long author, Platform platform, string id, int day, PostKind kind = PostKind.Original, string? link = null, string[]? tags = null, long? repostOf = null)
            {
                var post = new Post { Platform = platform, ExternalId = $"{id}-{suffix}", AuthorId = author, Kind = kind, Text = "post " + id, CreatedAt = Day.AddDays(day), RepostOfPostId = repostOf };
                if (link is not null)
                {
                    post.Links.Add(new PostLink { Url = link, Domain = new Uri(link).Host });
                }

                foreach (var tag in tags ?? [])
                {
                    post.Hashtags.Add(new PostHashtag { Tag = PostHashtag.Normalize(tag), CreatedAt = Day.AddDays(day), AuthorId = author });
                }

                return post;
            }

            var linking = Post(boAccount, Platform.Mastodon, "bo1", 0, link: $"https://foam.example/airway-{suffix}?utm_source=x");
            db.Posts.AddRange(linking, Post(boAccount, Platform.Mastodon, "bo2", 1, PostKind.Reply, link: $"https://foam.example/airway-{suffix}"));
            db.Posts.AddRange(
                Post(adaAccount, Platform.Bluesky, "ada1", 1, tags: ["SMACC26"]),
                Post(adaAccount, Platform.Bluesky, "ada2", 1, PostKind.Reply, tags: ["smacc26", "MedEd"]),
                Post(adaAccount, Platform.Bluesky, "ada3", 2, tags: ["SMACC26"]),
                Post(adaAccount, Platform.Bluesky, "ada4", 3, tags: ["MedEd"]));
            await db.SaveChangesAsync();
            db.Posts.Add(Post(adaAccount, Platform.Bluesky, "ada-repost", 2, PostKind.Repost, repostOf: linking.Id));
            await db.SaveChangesAsync();

            var thread = new DiscussionThread { SubjectKind = SubjectKind.Resource, SubjectId = airway, Title = "Airway pearls: questions", Body = "Ask here.", CreatedAt = Day, LastActivityAt = Day.AddDays(3) };
            db.DiscussionThreads.Add(thread);
            await db.SaveChangesAsync();
            Comment Comment(string userId, string body, int day, CommentStatus status = CommentStatus.Published, long? parent = null) =>
                new() { ThreadId = thread.Id, AuthorUserId = userId, Body = body, Status = status, CreatedAt = Day.AddDays(day), PublishedAt = status == CommentStatus.Published ? Day.AddDays(day) : null, ParentId = parent };
            var first = Comment(adaUser.UserId, "Thanks for the questions; the checklist is in the appendix.", 1);
            db.Comments.Add(first);
            await db.SaveChangesAsync();
            db.Comments.AddRange(Comment(adaUser.UserId, "Updated the figure.", 2), Comment(adaUser.UserId, "Held for moderation.", 2, CommentStatus.Pending), Comment(boUser.UserId, "Helpful, thank you.", 3, parent: first.Id));
            db.CommentReactions.Add(new CommentReaction { CommentId = first.Id, UserId = cyUser.UserId, Kind = ReactionKind.Insightful, CreatedAt = Day.AddDays(2) });
            await db.SaveChangesAsync();

            var profile = new MentorProfile { PersonId = ada, Topics = "airway", Capacity = 3, CreatedAt = Day, UpdatedAt = Day };
            db.MentorProfiles.Add(profile);
            await db.SaveChangesAsync();
            db.MentorIntroductions.AddRange(
                new MentorIntroduction { MentorProfileId = profile.Id, TraineePersonId = cy, Status = IntroductionStatus.Accepted, Message = "Hello", CreatedAt = Day, RespondedAt = Day.AddDays(1) },
                new MentorIntroduction { MentorProfileId = profile.Id, TraineePersonId = bo, Status = IntroductionStatus.Pending, Message = "Hi", CreatedAt = Day.AddDays(2) });
            await db.SaveChangesAsync();
        }

        return new PortfolioFixture(ada, await SlugAsync(store, ada), adaUser.UserId, adaUser.DisplayName, adaPassword, bo, airway, sepsis, adaReview);
    }

    private static async Task<string> SlugAsync(TestStore store, long id)
    {
        await using var db = store.NewDb();
        return (await db.People.FindAsync(id))!.Slug;
    }

    private static Dictionary<string, int> Scores(int q1, int q2, int q3, int q4) => new() { ["q1"] = q1, ["q2"] = q2, ["q3"] = q3, ["q4"] = q4 };

    public static async Task<(ResourceActor Actor, string Password)> UserAsync(TestStore store, string role, long? personId)
    {
        await using var scope = store.Scope();
        var userName = $"{role}-{Guid.NewGuid():N}"[..18];
        var (user, password) = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(userName, null, role, UserAdministration.GeneratePassword(), displayName: userName);
        if (personId is not null)
        {
            await using var db = store.NewDb();
            var stored = await db.Users.FindAsync(user.Id);
            stored!.PersonId = personId;
            await db.SaveChangesAsync();
        }

        var roles = role == Roles.Member ? new[] { Roles.Member } : [role, Roles.Member];
        return (new ResourceActor(user.Id, userName, roles.ToHashSet(), personId, false), password);
    }
}
