using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Reviews;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;
using static SoMeScholar.Core.Tests.Resources.ResourceFixtures;

namespace SoMeScholar.Core.Tests.Discussions;

public class ResourceHooksTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_thread_about_a_resource_notifies_its_authors_and_one_about_a_review_notifies_the_reviewer(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var authorPerson = await PersonAsync(store, "Ana Author");
        var author = await UserAsync(store, Roles.Member, "ana", authorPerson);
        var reviewer = await UserAsync(store, Roles.Reviewer, "rev");
        var opener = await UserAsync(store, Roles.Moderator, "opener");
        var resource = await SubmitAsync(store, opener, Input("https://foam.example/airway", "Airway pearls", authorPerson));
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var review = await ReviewAsync(services, reviewer, resource.Id);
        var board = services.GetRequiredService<DiscussionBoard>();

        var onResource = await board.CreateThreadAsync(opener.UserId, new NewThread(SubjectKind.Resource, resource.Id, "Is pearl 3 still current?", "The 2023 guideline changed it."));
        var onReview = await board.CreateThreadAsync(opener.UserId, new NewThread(SubjectKind.Review, review.Id, "On the accuracy score", "Why 2 of 3?"));
        var missing = await Assert.ThrowsAsync<ModerationException>(() => board.CreateThreadAsync(opener.UserId, new NewThread(SubjectKind.Resource, 999_999, "Nothing", "No such resource")));
        var listed = await board.ListThreadsAsync(SubjectKind.Resource, resource.Id);

        var db = services.GetRequiredService<ScholarDb>();
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.NewThreadOnYourWork).ToListAsync();
        Assert.Contains(notifications, n => n.UserId == author.UserId && n.Url == $"/Discussions/Thread/{onResource.Id}");
        Assert.Contains(notifications, n => n.UserId == reviewer.UserId && n.Url == $"/Discussions/Thread/{onReview.Id}");
        Assert.DoesNotContain(notifications, n => n.UserId == opener.UserId);
        Assert.Equal(notifications.Count, await db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.Notification));
        Assert.Contains("no resource", missing.Message, StringComparison.Ordinal);
        Assert.Equal(("Airway pearls", $"/Resources/{resource.Id}"), (listed.Single().SubjectTitle, listed.Single().SubjectUrl));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_deleted_reviewers_review_stays_on_the_resource_as_anonymous_and_still_counts(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var submitter = await UserAsync(store, Roles.Member);
        var reviewer = await UserAsync(store, Roles.Reviewer, "leaving-reviewer");
        var resource = await SubmitAsync(store, submitter, Input("https://foam.example/podcast", "Podcast on sepsis"));
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var review = await ReviewAsync(services, reviewer, resource.Id);
        var privacy = services.GetRequiredService<AccountPrivacy>();

        var export = System.Text.Json.JsonDocument.Parse(await privacy.ExportJsonAsync(reviewer.UserId)).RootElement;
        await privacy.DeleteAccountAsync(reviewer.UserId);

        await using var db = store.NewDb();
        var kept = await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == review.Id);
        var aggregate = (await services.GetRequiredService<ReviewAggregates>().ForResourceAsync(resource.Id)).Single();
        Assert.Equal(review.Id, export.GetProperty("resources").GetProperty("reviews")[0].GetProperty("id").GetInt64());
        Assert.Null(kept.ReviewerUserId);
        Assert.Equal(ResourcesPersonalData.AnonymousReviewer, kept.ReviewerName);
        Assert.DoesNotContain(reviewer.UserId, kept.ReviewerKey, StringComparison.Ordinal);
        Assert.Equal(1, aggregate.Raters);
        Assert.False(await db.Users.AnyAsync(u => u.Id == reviewer.UserId));
    }

    private static async Task<Review> ReviewAsync(IServiceProvider services, ResourceActor reviewer, long resourceId)
    {
        var workflow = services.GetRequiredService<ReviewWorkflow>();
        var rmetriq = await services.GetRequiredService<InstrumentCatalog>().GetLatestAsync("rmetriq");
        var assignment = await workflow.VolunteerAsync(reviewer, resourceId, rmetriq.Id);
        await workflow.DeclareAsync(reviewer, assignment.Id, false, null);
        return await workflow.SubmitAsync(reviewer, assignment.Id, new ReviewInput(Resources.RegistryTests.Scores(2, 2, 3, 1), "Clear, but cite the trial.", Recommendation.Recommend));
    }
}
