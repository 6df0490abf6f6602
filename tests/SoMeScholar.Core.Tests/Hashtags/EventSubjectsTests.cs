using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Tests.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Hashtags;

public class EventSubjectsTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_thread_opens_on_a_conference_event_links_back_to_it_and_notifies_its_organiser(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var organiser = await world.UserAsync("organiser", Roles.Moderator);
        var member = await world.UserAsync("attendee", Roles.Member, TrustLevel.Basic);
        var catalog = world.Services.GetRequiredService<EventCatalog>();
        var item = await catalog.CreateAsync(new EventInput("Emergency Medicine Summit", null, new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 6), "America/Toronto", "#EMSummit26"), organiser.UserName!);
        var other = await catalog.CreateAsync(new EventInput("Quiet Meeting", null, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1), "Europe/London", "#Quiet26"), "someone-gone");
        var events = world.Services.GetRequiredService<EventSubjects>();

        var thread = await world.Board.CreateThreadAsync(member.Id, new NewThread(SubjectKind.Event, item.Id, "Should the plenaries be recorded?", "Several of us could not attend in person."));
        var missing = await Assert.ThrowsAsync<ModerationException>(() => world.Board.CreateThreadAsync(member.Id, new NewThread(SubjectKind.Event, other.Id + 1000, "Nothing", "No such event")));
        var listed = await world.Board.ListThreadsAsync(SubjectKind.Event, item.Id);
        var view = await world.Board.GetThreadAsync(thread.Id, member.Id);
        var notified = await world.Db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.NewThreadOnYourWork).Select(n => n.UserId).ToListAsync();

        Assert.Equal(("Emergency Medicine Summit", $"/Hashtags/Events/{item.Slug}"), (listed.Single().SubjectTitle, listed.Single().SubjectUrl));
        Assert.Equal(new SubjectReference(SubjectKind.Event, item.Id), view!.Subject!.Reference);
        Assert.Contains("no event", missing.Message, StringComparison.Ordinal);
        Assert.Equal((1, 0), (await events.ThreadCountAsync(item.Id), await events.ThreadCountAsync(other.Id)));
        Assert.Equal([organiser.Id], notified);
        Assert.Equal(1, await world.Db.DiscussionThreads.CountAsync());
    }
}
