using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Mentors;

public class MentorsPersonalDataTests
{
    private const string Hello = "I am a resident working on a POCUS teaching project; could we talk?";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Export_holds_the_mentors_profile_and_introductions_and_deleting_the_account_ends_them_and_keeps_the_trainees_history(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        var (ada, _, _) = await community.OptInAllAsync(store);
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var introductions = services.GetRequiredService<Introductions>();
        var adaUser = await LinkedUserAsync(services, "ada-user", "ada");
        var waiting = await introductions.SendAsync(community.Dee, ada, Hello);
        var mentee = await introductions.SendAsync(community.Tia, ada, Hello, "Posts about #pocus weekly.");
        await introductions.AcceptAsync(mentee.Id, community.Ada, "Happy to.");
        var privacy = services.GetRequiredService<AccountPrivacy>();

        var export = JsonDocument.Parse(await privacy.ExportJsonAsync(adaUser.Id)).RootElement.GetProperty("mentors");
        await privacy.DeleteAccountAsync(adaUser.Id);

        var profile = export.GetProperty("mentorProfile");
        Assert.Equal("Active", profile.GetProperty("status").GetString());
        Assert.Equal(1, profile.GetProperty("capacity").GetInt32());
        var received = export.GetProperty("introductionsReceived").EnumerateArray().ToList();
        Assert.Equal(["Dee", "Tia"], received.Select(i => i.GetProperty("trainee").GetString()));
        Assert.Equal(["Pending", "Accepted"], received.Select(i => i.GetProperty("status").GetString()));
        Assert.All(received, i => Assert.False(i.TryGetProperty("traineePersonId", out _)));
        Assert.Equal(2, export.GetProperty("notifications").GetArrayLength());

        var recommended = await services.GetRequiredService<MentorRecommendations>().ForPersonAsync(community.Dee, SmallCommunity.Request(), 10);
        Assert.DoesNotContain(recommended.Mentors, m => m.ProfileId == ada);
        var left = await services.GetRequiredService<MentorProfiles>().ForPersonAsync(community.Ada);
        Assert.NotNull(left);
        Assert.Equal(MentorStatus.Left, left.Status);
        Assert.Empty(left.Topics);
        Assert.Null(left.Approach);
        Assert.Equal(IntroductionStatus.Ended, (await introductions.GetAsync(mentee.Id))!.Status);
        Assert.Equal(IntroductionStatus.Declined, (await introductions.GetAsync(waiting.Id))!.Status);
        Assert.Contains(await introductions.NotificationsAsync(community.Tia, 10), n => n.Kind == MentorNotificationKind.MentoringEnded);
        Assert.Contains(await introductions.NotificationsAsync(community.Dee, 10), n => n.Kind == MentorNotificationKind.IntroductionDeclined);
        Assert.Empty(await introductions.NotificationsAsync(community.Ada, 10));
        Assert.Equal(["Tia"], (await introductions.SentAsync(community.Tia)).Select(i => i.TraineeName));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Deleting_a_trainees_account_removes_their_request_withdraws_what_waits_and_shows_no_blocks_against_them(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        var (ada, ben, _) = await community.OptInAllAsync(store);
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var introductions = services.GetRequiredService<Introductions>();
        var tiaUser = await LinkedUserAsync(services, "tia-user", "tia");
        await services.GetRequiredService<TraineeRequests>().SaveAsync(community.Tia, SmallCommunity.Request());
        var toBen = await introductions.SendAsync(community.Tia, ben, Hello);
        var toAda = await introductions.SendAsync(community.Tia, ada, Hello);
        await introductions.BlockAsync(toAda.Id, community.Ada);
        var privacy = services.GetRequiredService<AccountPrivacy>();

        var export = JsonDocument.Parse(await privacy.ExportJsonAsync(tiaUser.Id)).RootElement.GetProperty("mentors");
        await privacy.DeleteAccountAsync(tiaUser.Id);

        Assert.Equal(JsonValueKind.Null, export.GetProperty("mentorProfile").ValueKind);
        Assert.Equal("point-of-care ultrasound", export.GetProperty("traineeRequest").GetProperty("topics").GetString());
        Assert.Equal(["Ben", "Ada"], export.GetProperty("introductionsSent").EnumerateArray().Select(i => i.GetProperty("mentor").GetString()));
        Assert.Equal(0, export.GetProperty("blocksMade").GetArrayLength());
        Assert.DoesNotContain("blocked", export.GetRawText(), StringComparison.OrdinalIgnoreCase);

        Assert.Null(await services.GetRequiredService<TraineeRequests>().ForPersonAsync(community.Tia));
        Assert.Equal(IntroductionStatus.Withdrawn, (await introductions.GetAsync(toBen.Id))!.Status);
        Assert.Contains(await introductions.NotificationsAsync(community.Ben, 10), n => n.Kind == MentorNotificationKind.IntroductionWithdrawn);
        Assert.Empty(await introductions.NotificationsAsync(community.Tia, 10));
        Assert.Equal(["Tia"], (await introductions.BlockedAsync(community.Ada)).Select(b => b.Name));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_mentor_without_introductions_who_deletes_their_account_has_no_profile_and_is_never_recommended(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var community = await SmallCommunity.BuildAsync(store);
        await community.OptInAllAsync(store);
        await using var scope = store.Scope();
        var services = scope.ServiceProvider;
        var adaUser = await LinkedUserAsync(services, "ada-user", "ada");
        var recommendations = services.GetRequiredService<MentorRecommendations>();
        var before = await recommendations.ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);

        await services.GetRequiredService<AccountPrivacy>().DeleteAccountAsync(adaUser.Id);

        var after = await recommendations.ForPersonAsync(community.Tia, SmallCommunity.Request(), 10);
        Assert.Contains(before.Mentors, m => m.Name == "Ada");
        Assert.DoesNotContain(after.Mentors, m => m.Name == "Ada");
        Assert.Null(await services.GetRequiredService<MentorProfiles>().ForPersonAsync(community.Ada));
        await using var db = store.NewDb();
        Assert.True(await db.People.AnyAsync(p => p.Id == community.Ada));
    }

    private static async Task<ScholarUser> LinkedUserAsync(IServiceProvider services, string userName, string personSlug)
    {
        var (user, _) = await services.GetRequiredService<UserAdministration>().AddAsync(userName, null, Roles.Member, UserAdministration.GeneratePassword(), displayName: userName);
        await services.GetRequiredService<MentorPeople>().LinkUserAsync(userName, personSlug);
        return user;
    }
}
