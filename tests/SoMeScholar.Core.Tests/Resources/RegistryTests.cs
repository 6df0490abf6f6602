using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Reviews;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;
using static SoMeScholar.Core.Tests.Resources.ResourceFixtures;

namespace SoMeScholar.Core.Tests.Resources;

public class RegistryTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_member_submits_a_resource_and_the_same_page_under_another_spelling_is_refused(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var member = await UserAsync(store, Roles.Member);

        var resource = await SubmitAsync(store, member, Input("https://foam.example/airway/?utm_source=bsky"));
        await using var scope = store.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<ResourceRegistry>();
        var duplicate = await Assert.ThrowsAsync<ResourceRuleException>(() => registry.SubmitAsync(member, Input("HTTP://www.foam.example/airway#top")));

        Assert.Equal("https://foam.example/airway", resource.NormalizedUrl);
        Assert.Equal("url", duplicate.Field);
        await using var db = store.NewDb();
        var stored = await db.Resources.Include(r => r.Topics).Include(r => r.Versions).SingleAsync();
        Assert.Equal(["airway management", "resuscitation"], stored.Topics.Select(t => t.Topic).Order());
        Assert.Single(stored.Versions);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Only_authors_the_submitter_the_editor_and_administrators_edit(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var authorPerson = await PersonAsync(store, "Ana Author");
        var submitter = await UserAsync(store, Roles.Member);
        var author = await UserAsync(store, Roles.Member, personId: authorPerson);
        var stranger = await UserAsync(store, Roles.Reviewer);
        var moderator = await UserAsync(store, Roles.Moderator);
        var editor = await UserAsync(store, Roles.Member, "handling-editor");
        var admin = await UserAsync(store, Roles.Administrator);
        var resource = await SubmitAsync(store, submitter, Input("https://foam.example/a", authorPersonId: authorPerson));
        await using var scope = store.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<ResourceRegistry>();

        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => registry.EditAsync(stranger, resource.Id, Input("https://foam.example/a", "Changed")));
        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => registry.EditAsync(moderator, resource.Id, Input("https://foam.example/a", "Changed")));
        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => registry.EditAsync(editor, resource.Id, Input("https://foam.example/a", "Changed")));
        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => registry.SetEditorAsync(editor, resource.Id, "handling-editor"));
        await registry.SetEditorAsync(admin, resource.Id, "handling-editor");
        await registry.EditAsync(editor, resource.Id, Input("https://foam.example/a", "By the editor", authorPerson));
        await registry.EditAsync(author, resource.Id, Input("https://foam.example/a", "By the author", authorPerson));
        await registry.EditAsync(submitter, resource.Id, Input("https://foam.example/a", "By the submitter", authorPerson));

        await using var db = store.NewDb();
        var stored = await db.Resources.Include(r => r.Versions).SingleAsync();
        Assert.Equal("By the submitter", stored.Title);
        Assert.Equal(1, stored.Version);
        Assert.Equal("By the submitter", stored.Versions.Single().Title);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Revising_a_reviewed_resource_keeps_the_old_version_and_its_reviews_and_flags_it_for_re_review(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var submitter = await UserAsync(store, Roles.Member);
        var reviewer = await UserAsync(store, Roles.Reviewer);
        var resource = await SubmitAsync(store, submitter, Input("https://foam.example/v"));
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var rmetriq = await services.GetRequiredService<InstrumentCatalog>().GetLatestAsync("rmetriq");
        var workflow = services.GetRequiredService<ReviewWorkflow>();
        var assignment = await workflow.VolunteerAsync(reviewer, resource.Id, rmetriq.Id);
        await workflow.DeclareAsync(reviewer, assignment.Id, false, null);
        await workflow.SubmitAsync(reviewer, assignment.Id, new ReviewInput(Scores(3, 3, 2, 2), "Good.", Recommendation.Recommend));

        await Assert.ThrowsAsync<ResourceRuleException>(() => services.GetRequiredService<ResourceRegistry>().ReviseAsync(submitter, resource.Id, Input("https://foam.example/v", "Second edition"), " "));
        var revised = await services.GetRequiredService<ResourceRegistry>().ReviseAsync(submitter, resource.Id, Input("https://foam.example/v", "Second edition"), "New guideline");
        var detail = await services.GetRequiredService<ResourceCatalog>().DetailAsync(resource.Id);

        Assert.Equal(2, revised.Version);
        Assert.True(revised.NeedsReReview);
        Assert.Equal([2, 1], detail!.Versions.Select(v => v.Number));
        Assert.Equal("Airway pearls", detail.Versions[1].Title);
        Assert.Equal(1, detail.Reviews.Single().Review.ResourceVersion);
        Assert.Equal(1, detail.Aggregates.Single().ResourceVersion);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_retraction_needs_a_notice_and_stops_new_reviews_and_endorsements(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var submitter = await UserAsync(store, Roles.Member);
        var reviewer = await UserAsync(store, Roles.Reviewer);
        var member = await UserAsync(store, Roles.Member);
        var resource = await SubmitAsync(store, submitter, Input("https://foam.example/r"));
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var registry = services.GetRequiredService<ResourceRegistry>();

        await Assert.ThrowsAsync<ResourceRuleException>(() => registry.RetractAsync(submitter, resource.Id, ""));
        await Assert.ThrowsAsync<ResourceAccessDeniedException>(() => registry.RetractAsync(member, resource.Id, "Wrong dose"));
        var retracted = await registry.RetractAsync(submitter, resource.Id, "The dose in table 2 was wrong.");
        var rmetriq = await services.GetRequiredService<InstrumentCatalog>().GetLatestAsync("rmetriq");

        Assert.Equal(ResourceStatus.Retracted, retracted.Status);
        await Assert.ThrowsAsync<ResourceRuleException>(() => services.GetRequiredService<ReviewWorkflow>().VolunteerAsync(reviewer, resource.Id, rmetriq.Id));
        await Assert.ThrowsAsync<ResourceRuleException>(() => services.GetRequiredService<Endorsements>().EndorseAsync(member, resource.Id, false, null));
    }

    internal static Dictionary<string, int> Scores(int q1, int q2, int q3, int q4) => new() { ["q1"] = q1, ["q2"] = q2, ["q3"] = q3, ["q4"] = q4 };
}
