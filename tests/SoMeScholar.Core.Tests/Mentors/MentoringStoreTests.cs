using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Mentors.Recommendation;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Mentors;

public class MentoringStoreTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Recommends_opted_in_mentors_from_their_posts_and_the_trainees_network_with_a_reason(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        await community.OptInAllAsync(store);
        await using var scope = store.Scope();

        var result = await scope.ServiceProvider.GetRequiredService<MentorRecommendations>().ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);

        Assert.Equal(["Ada", "Ben", "Cy"], result.Mentors.Select(m => m.Name));
        var ada = result.Mentors[0];
        Assert.StartsWith("Posts about #pocus weekly (12 posts", ada.Reason, StringComparison.Ordinal);
        Assert.Contains("2 people you follow follow them", ada.Reason, StringComparison.Ordinal);
        Assert.Contains("they follow you", ada.Reason, StringComparison.Ordinal);
        Assert.True(ada.Parts.Interest > result.Mentors[2].Parts.Interest);
        Assert.Equal(1, result.TraineeAccounts);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task People_who_have_not_opted_in_or_paused_or_left_are_never_recommended(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        await using var scope = store.Scope();
        var profiles = scope.ServiceProvider.GetRequiredService<MentorProfiles>();
        var recommendations = scope.ServiceProvider.GetRequiredService<MentorRecommendations>();
        await profiles.SaveAsync(community.Ben, SmallCommunity.Input(["ultrasound"]));

        var onlyBen = await recommendations.ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);
        await profiles.PauseAsync(community.Ben);
        var paused = await recommendations.ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);
        await profiles.ResumeAsync(community.Ben);
        var resumed = await recommendations.ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);
        await profiles.LeaveAsync(community.Ben);
        var left = await recommendations.ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);

        Assert.Equal(["Ben"], onlyBen.Mentors.Select(m => m.Name));
        Assert.Empty(paused.Mentors);
        Assert.Equal(["Ben"], resumed.Mentors.Select(m => m.Name));
        Assert.Empty(left.Mentors);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_accepted_introduction_fills_the_mentors_place_and_both_sides_are_notified(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        var (ada, _, _) = await community.OptInAllAsync(store);
        await using var scope = store.Scope();
        var introductions = scope.ServiceProvider.GetRequiredService<Introductions>();
        var recommendations = scope.ServiceProvider.GetRequiredService<MentorRecommendations>();

        var sent = await introductions.SendAsync(community.Tia, ada, "I am a resident working on a POCUS teaching project; could we talk?", "Posts about #pocus weekly.");
        var mentorNotified = await introductions.NotificationsAsync(community.Ada, 10);
        var accepted = await introductions.AcceptAsync(sent.Id, community.Ada, "Happy to.");
        var traineeNotified = await introductions.NotificationsAsync(community.Tia, 10);
        var forDee = await recommendations.ForPersonAsync(community.Dee, SmallCommunity.Request(), 10);
        var refused = await Assert.ThrowsAsync<MentorRuleException>(() => introductions.SendAsync(community.Dee, ada, "I would also like to learn about ultrasound teaching."));

        Assert.Equal(IntroductionStatus.Pending, sent.Status);
        Assert.Equal(MentorNotificationKind.IntroductionRequested, mentorNotified.Single().Kind);
        Assert.Equal(IntroductionStatus.Accepted, accepted.Status);
        Assert.Equal("Happy to.", accepted.ResponseMessage);
        Assert.Equal(MentorNotificationKind.IntroductionAccepted, traineeNotified.Single().Kind);
        Assert.DoesNotContain(forDee.Mentors, m => m.Name == "Ada");
        Assert.Contains("no mentee place", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_blocked_trainee_cannot_write_and_no_longer_sees_the_mentor(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        var (ada, _, _) = await community.OptInAllAsync(store);
        await using var scope = store.Scope();
        var introductions = scope.ServiceProvider.GetRequiredService<Introductions>();
        var sent = await introductions.SendAsync(community.Tia, ada, "Hello, I would like to learn about ultrasound teaching.");

        await introductions.BlockAsync(sent.Id, community.Ada);
        var afterBlock = await introductions.GetAsync(sent.Id);
        var again = await Assert.ThrowsAsync<MentorRuleException>(() => introductions.SendAsync(community.Tia, ada, "Hello again, I would still like to learn more."));
        var recommended = await scope.ServiceProvider.GetRequiredService<MentorRecommendations>().ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);
        var forDee = await scope.ServiceProvider.GetRequiredService<MentorRecommendations>().ForPersonAsync(community.Dee, SmallCommunity.Request(), 10);

        Assert.Equal(IntroductionStatus.Declined, afterBlock!.Status);
        Assert.DoesNotContain("block", again.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(recommended.Mentors, m => m.Name == "Ada");
        Assert.Contains(forDee.Mentors, m => m.Name == "Ada");
        Assert.Single(await introductions.BlockedAsync(community.Ada));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Introduction_rules_refuse_short_messages_repeats_and_oneself_and_allow_withdrawing(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        var (ada, ben, _) = await community.OptInAllAsync(store);
        await using var scope = store.Scope();
        var introductions = scope.ServiceProvider.GetRequiredService<Introductions>();

        var tooShort = await Assert.ThrowsAsync<MentorRuleException>(() => introductions.SendAsync(community.Tia, ada, "Hi"));
        var sent = await introductions.SendAsync(community.Tia, ada, "Hello, I would like to learn about ultrasound teaching.");
        var repeat = await Assert.ThrowsAsync<MentorRuleException>(() => introductions.SendAsync(community.Tia, ada, "Hello, I would like to learn about ultrasound teaching."));
        var self = await Assert.ThrowsAsync<MentorRuleException>(() => introductions.SendAsync(community.Ada, ada, "Writing to myself to see what happens."));
        var notMine = await Assert.ThrowsAsync<MentorRuleException>(() => introductions.AcceptAsync(sent.Id, community.Ben, null));
        var withdrawn = await introductions.WithdrawAsync(sent.Id, community.Tia);
        var cannotAccept = await Assert.ThrowsAsync<MentorRuleException>(() => introductions.AcceptAsync(sent.Id, community.Ada, null));
        var toBen = await introductions.SendAsync(community.Tia, ben, "Hello Ben, I would like to learn about ultrasound teaching.");

        Assert.Contains("at least 20 characters", tooShort.Message, StringComparison.Ordinal);
        Assert.Contains("already asked", repeat.Message, StringComparison.Ordinal);
        Assert.Contains("yourself", self.Message, StringComparison.Ordinal);
        Assert.Contains("No such introduction", notMine.Message, StringComparison.Ordinal);
        Assert.Equal(IntroductionStatus.Withdrawn, withdrawn.Status);
        Assert.Contains("withdrawn", cannotAccept.Message, StringComparison.Ordinal);
        Assert.Equal(IntroductionStatus.Pending, toBen.Status);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Ending_a_mentoring_frees_the_place_and_leaving_declines_pending_requests(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        var (ada, _, _) = await community.OptInAllAsync(store);
        await using var scope = store.Scope();
        var introductions = scope.ServiceProvider.GetRequiredService<Introductions>();
        var profiles = scope.ServiceProvider.GetRequiredService<MentorProfiles>();

        var first = await introductions.SendAsync(community.Tia, ada, "Hello, I would like to learn about ultrasound teaching.");
        await introductions.AcceptAsync(first.Id, community.Ada, null);
        var full = (await profiles.GetAsync(ada))!;
        await introductions.EndAsync(first.Id, community.Tia);
        var freed = (await profiles.GetAsync(ada))!;
        var second = await introductions.SendAsync(community.Dee, ada, "Hello, I am Dee and would like to learn about POCUS.");
        await profiles.LeaveAsync(community.Ada);

        Assert.True(full.IsFull);
        Assert.False(freed.IsFull);
        Assert.Equal(IntroductionStatus.Declined, (await introductions.GetAsync(second.Id))!.Status);
        Assert.Equal(MentorStatus.Left, (await profiles.GetAsync(ada))!.Status);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Administrators_weights_are_stored_as_json_in_settings_and_change_the_ranking(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        await community.OptInAllAsync(store);
        await using var scope = store.Scope();
        var settings = scope.ServiceProvider.GetRequiredService<MentorSettings>();
        var recommendations = scope.ServiceProvider.GetRequiredService<MentorRecommendations>();

        await settings.SaveWeightsAsync(RecommenderWeights.Default with { Interest = 0, Network = 0, Activity = 1, Openness = 0 });
        var activityOnly = await recommendations.ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);
        var invalid = await Assert.ThrowsAsync<MentorRuleException>(() => settings.SaveWeightsAsync(RecommenderWeights.Default with { Network = -2 }));
        await using var db = store.NewDb();
        var stored = await db.Settings.SingleAsync(s => s.Key == RecommenderWeights.SettingKey);

        Assert.Equal(0, activityOnly.Weights.Interest);
        Assert.Equal(activityOnly.Mentors.OrderByDescending(m => m.Parts.Activity).Select(m => m.Name), activityOnly.Mentors.Select(m => m.Name));
        Assert.Contains("Network", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(1.0, RecommenderWeights.FromJson(stored.Value).Activity);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_new_mentor_appears_in_the_next_recommendation_without_a_manual_rebuild(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        await using var scope = store.Scope();
        var recommendations = scope.ServiceProvider.GetRequiredService<MentorRecommendations>();

        var before = await recommendations.ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);
        await scope.ServiceProvider.GetRequiredService<MentorProfiles>().SaveAsync(community.Ada, SmallCommunity.Input(["#POCUS"]));
        var after = await recommendations.ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);

        Assert.Empty(before.Mentors);
        Assert.Equal(["Ada"], after.Mentors.Select(m => m.Name));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Guidance_suggests_accounts_to_follow_and_hashtags_from_the_trainees_interests(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        await using var scope = store.Scope();

        var guidance = await scope.ServiceProvider.GetRequiredService<TraineeGuidance>().BuildAsync(SmallCommunity.Request(), community.Tia);

        Assert.Equal(["pocus"], guidance.InterestTags);
        Assert.Equal(["ada.test", "ben.test"], guidance.AccountsToFollow.Select(a => a.Label));
        Assert.Equal("pocus", guidance.Hashtags[0].Tag);
        Assert.Equal(16, guidance.Hashtags[0].Posts);
        Assert.Contains(guidance.EstablishSteps, s => s.Contains("professionalism check", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_sign_in_without_a_person_gets_one_and_an_administrator_can_link_a_sign_in_to_a_person(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        await using var scope = store.Scope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var people = scope.ServiceProvider.GetRequiredService<MentorPeople>();
        var (newcomer, _) = await administration.AddAsync("newcomer", null, Roles.Member);
        var (tia, _) = await administration.AddAsync("tia-user", null, Roles.Member);
        var (other, _) = await administration.AddAsync("other-user", null, Roles.Member);

        var created = await people.EnsurePersonAsync(newcomer.Id);
        var again = await people.EnsurePersonAsync(newcomer.Id);
        await people.LinkUserAsync("tia-user", "tia");
        var taken = await Assert.ThrowsAsync<MentorRuleException>(() => people.LinkUserAsync("other-user", "tia"));

        Assert.Equal(created, again);
        Assert.Equal(community.Tia, await people.PersonOfUserAsync(tia.Id));
        Assert.Null(await people.PersonOfUserAsync(other.Id));
        Assert.Contains("Another sign-in", taken.Message, StringComparison.Ordinal);
    }
}
