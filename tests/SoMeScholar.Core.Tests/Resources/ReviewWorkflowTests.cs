using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Reviews;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;
using static SoMeScholar.Core.Tests.Resources.RegistryTests;
using static SoMeScholar.Core.Tests.Resources.ResourceFixtures;

namespace SoMeScholar.Core.Tests.Resources;

public class ReviewWorkflowTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_declared_conflict_blocks_the_review_and_scoring_waits_for_the_declaration(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var submitter = await UserAsync(store, Roles.Member);
        var reviewer = await UserAsync(store, Roles.Reviewer);
        var conflicted = await UserAsync(store, Roles.Reviewer);
        var resource = await SubmitAsync(store, submitter, Input("https://foam.example/coi"));
        await using var scope = store.Scope();
        var workflow = scope.ServiceProvider.GetRequiredService<ReviewWorkflow>();
        var rmetriq = await scope.ServiceProvider.GetRequiredService<InstrumentCatalog>().GetLatestAsync("rmetriq");

        var first = await workflow.VolunteerAsync(reviewer, resource.Id, rmetriq.Id);
        var early = await Assert.ThrowsAsync<ResourceRuleException>(() => workflow.SubmitAsync(reviewer, first.Id, new ReviewInput(Scores(1, 1, 1, 1), null, Recommendation.Recommend)));
        var second = await workflow.VolunteerAsync(conflicted, resource.Id, rmetriq.Id);
        await Assert.ThrowsAsync<ResourceRuleException>(() => workflow.DeclareAsync(conflicted, second.Id, true, " "));
        await workflow.DeclareAsync(conflicted, second.Id, true, "I co-host the podcast.");
        var blocked = await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => workflow.SubmitAsync(conflicted, second.Id, new ReviewInput(Scores(3, 3, 3, 3), null, Recommendation.Recommend)));
        var notYours = await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => workflow.DeclareAsync(conflicted, first.Id, false, null));

        Assert.Contains("conflicts of interest", early.Message, StringComparison.Ordinal);
        Assert.Contains("blocked", blocked.Message, StringComparison.Ordinal);
        Assert.Contains("assigned reviewer", notYours.Message, StringComparison.Ordinal);
        await using var db = store.NewDb();
        Assert.Equal(0, await db.Reviews.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Members_do_not_review_editors_assign_reviewers_and_authors_cannot_review_themselves(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var authorPerson = await PersonAsync(store, "Ana Author");
        var submitter = await UserAsync(store, Roles.Member);
        var member = await UserAsync(store, Roles.Member, "plain-member");
        var reviewer = await UserAsync(store, Roles.Reviewer, "the-reviewer");
        await UserAsync(store, Roles.Reviewer, "author-reviewer", authorPerson);
        var admin = await UserAsync(store, Roles.Administrator);
        var resource = await SubmitAsync(store, submitter, Input("https://foam.example/assign", authorPersonId: authorPerson));
        await using var scope = store.Scope();
        var workflow = scope.ServiceProvider.GetRequiredService<ReviewWorkflow>();
        var air = await scope.ServiceProvider.GetRequiredService<InstrumentCatalog>().GetLatestAsync("aliem-air");

        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => workflow.VolunteerAsync(member, resource.Id, air.Id));
        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => workflow.AssignAsync(reviewer, resource.Id, "the-reviewer", air.Id));
        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => workflow.AssignAsync(submitter, resource.Id, "the-reviewer", air.Id));
        await Assert.ThrowsAsync<ResourceRuleException>(() => workflow.AssignAsync(admin, resource.Id, "plain-member", air.Id));
        await Assert.ThrowsAsync<ResourceRuleException>(() => workflow.AssignAsync(admin, resource.Id, "author-reviewer", air.Id));
        var assignment = await workflow.AssignAsync(admin, resource.Id, "the-reviewer", air.Id);
        await Assert.ThrowsAsync<ResourceRuleException>(() => workflow.AssignAsync(admin, resource.Id, "the-reviewer", air.Id));

        Assert.Equal(reviewer.UserId, assignment.ReviewerUserId);
        Assert.Equal(admin.UserId, assignment.AssignedByUserId);
        Assert.False(assignment.Volunteered);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Submitted_reviews_are_immutable_and_a_correction_supersedes_them_in_the_aggregate(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var submitter = await UserAsync(store, Roles.Member);
        var reviewers = new List<ResourceActor>();
        for (var i = 0; i < 3; i++)
        {
            reviewers.Add(await UserAsync(store, Roles.Reviewer));
        }

        var resource = await SubmitAsync(store, submitter, Input("https://foam.example/agg"));
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var workflow = services.GetRequiredService<ReviewWorkflow>();
        var rmetriq = await services.GetRequiredService<InstrumentCatalog>().GetLatestAsync("rmetriq");
        var submitted = new List<Review>();
        foreach (var (reviewer, scores) in reviewers.Zip(new[] { Scores(3, 3, 2, 2), Scores(2, 2, 2, 2), Scores(1, 2, 1, 1) }))
        {
            var assignment = await workflow.VolunteerAsync(reviewer, resource.Id, rmetriq.Id);
            await workflow.DeclareAsync(reviewer, assignment.Id, false, null);
            submitted.Add(await workflow.SubmitAsync(reviewer, assignment.Id, new ReviewInput(scores, "Comment", Recommendation.Recommend)));
        }

        // Totals 10, 8, 5: mean 7.667, sample SD sqrt(((2.333)² + (0.333)² + (2.667)²) / 2) = 2.517.
        var before = (await services.GetRequiredService<ReviewAggregates>().ForResourceAsync(resource.Id)).Single();
        await Assert.ThrowsAsync<ResourceRuleException>(() => workflow.SubmitAsync(reviewers[2], submitted[2].AssignmentId, new ReviewInput(Scores(3, 3, 3, 3), null, Recommendation.Recommend)));
        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => workflow.CorrectAsync(reviewers[0], submitted[2].Id, new ReviewInput(Scores(3, 3, 3, 3), null, Recommendation.Recommend)));
        var correction = await workflow.CorrectAsync(reviewers[2], submitted[2].Id, new ReviewInput(Scores(3, 3, 3, 2), "On reflection, better than I scored.", Recommendation.Recommend));
        await Assert.ThrowsAsync<ResourceRuleException>(() => workflow.CorrectAsync(reviewers[2], submitted[2].Id, new ReviewInput(Scores(0, 0, 0, 0), null, Recommendation.DoNotRecommend)));
        var after = (await services.GetRequiredService<ReviewAggregates>().ForResourceAsync(resource.Id)).Single();

        Assert.Equal(3, before.Raters);
        Assert.Equal(7.667, before.Mean!.Value, 3);
        Assert.Equal(2.517, before.StandardDeviation!.Value, 3);
        Assert.Null(before.Badge);
        Assert.NotNull(before.Icc);
        Assert.Equal(2, correction.Revision);
        Assert.Equal(submitted[2].Id, correction.SupersedesReviewId);
        Assert.Equal(3, after.Raters);
        Assert.Equal((10 + 8 + 11) / 3.0, after.Mean!.Value, 9);
        Assert.Equal("rmetriq-local-quality", after.Badge!.Key);
        await using var db = store.NewDb();
        var original = await db.Reviews.Include(r => r.Scores).SingleAsync(r => r.Id == submitted[2].Id);
        Assert.Equal(5, original.Total);
        Assert.Equal(4, await db.Reviews.CountAsync());
    }

    [Fact]
    public void The_aggregate_reports_the_ICC_from_three_raters_on_the_item_by_rater_matrix()
    {
        var rmetriq = InstrumentCatalog.ToInfo(new ReviewInstrument { Key = "rmetriq", Version = 1, Name = "rMETRIQ", DefinitionJson = InstrumentCatalog.ReadBuiltIn("rmetriq.json").ToJson() });
        RaterScores Rater(string key, params int[] s) => new(key, s.Sum(), new Dictionary<string, int> { ["q1"] = s[0], ["q2"] = s[1], ["q3"] = s[2], ["q4"] = s[3] });

        var two = ReviewAggregates.Aggregate(rmetriq, 1, [Rater("a", 3, 2, 1, 0), Rater("b", 3, 2, 1, 0)]);
        var three = ReviewAggregates.Aggregate(rmetriq, 1, [Rater("a", 3, 2, 1, 0), Rater("b", 3, 2, 1, 0), Rater("c", 3, 2, 1, 0)]);

        Assert.Null(two.Icc);
        Assert.Contains("3 raters", two.IccNote, StringComparison.Ordinal);
        Assert.Equal(1.0, three.Icc!.Icc21, 9);
        Assert.Equal(0, three.StandardDeviation);
    }
}
