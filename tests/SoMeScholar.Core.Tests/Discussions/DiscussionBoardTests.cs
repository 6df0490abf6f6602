using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;
using SoMeScholar.Professionalism;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Discussions;

public class DiscussionBoardTests
{
    private const string Sourced = "The evidence supports this, see https://doi.org/10.1097/ACM.0000000000000726 for the criteria.";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_new_members_first_comments_wait_for_approval_and_approval_publishes_them_and_raises_trust(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var thread = await world.TopicAsync();
        var newcomer = await world.UserAsync("newcomer");
        var moderator = await world.UserAsync("mod", Roles.Moderator);

        var first = await world.Board.PostCommentAsync(newcomer.Id, new NewComment(thread.Id, Sourced), acknowledgeWarnings: false);
        var second = await world.Board.PostCommentAsync(newcomer.Id, new NewComment(thread.Id, Sourced + " Also the second point."), acknowledgeWarnings: false);
        var guestView = await world.Board.GetThreadAsync(thread.Id, null);
        await world.Moderation.ApproveAsync(DiscussionWorld.Actor(moderator), first.Comment!.Id, "Meets the content rules");
        await world.Moderation.ApproveAsync(DiscussionWorld.Actor(moderator), second.Comment!.Id, "Meets the content rules");
        var third = await world.Board.PostCommentAsync(newcomer.Id, new NewComment(thread.Id, Sourced + " A third."), acknowledgeWarnings: false);

        Assert.True(first.Queued);
        Assert.Contains("New member", first.QueueReason, StringComparison.Ordinal);
        Assert.Empty(guestView!.Comments);
        Assert.Equal(TrustLevel.Basic, await world.Trust.LevelAsync(newcomer.Id));
        Assert.False(third.Queued);
        Assert.Equal(CommentStatus.Published, third.Comment!.Status);
        var actions = (await world.Audit.ListAsync(new AuditQuery())).Select(a => a.Action).ToList();
        Assert.Contains(ModerationActionKind.CommentQueued, actions);
        Assert.Equal(2, actions.Count(a => a == ModerationActionKind.CommentApproved));
        Assert.Contains(ModerationActionKind.TrustLevelChanged, actions);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Three_trusted_flags_hide_a_comment_and_a_moderator_restores_it_with_a_reason(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var thread = await world.TopicAsync();
        var author = await world.UserAsync("author", level: TrustLevel.Basic);
        var flaggers = new[] { await world.UserAsync("f1", level: TrustLevel.Basic), await world.UserAsync("f2", level: TrustLevel.Basic), await world.UserAsync("f3", level: TrustLevel.Basic) };
        var moderator = await world.UserAsync("mod", Roles.Moderator);
        var comment = (await world.Board.PostCommentAsync(author.Id, new NewComment(thread.Id, Sourced), false)).Comment!;

        var hidden = new List<bool>();
        foreach (var flagger in flaggers)
        {
            hidden.Add(await world.Board.FlagAsync(flagger.Id, comment.Id, FlagReason.MisconductAccusation, "Accuses the authors without evidence"));
        }

        var whileHidden = (await world.Board.GetThreadAsync(thread.Id, null))!.Comments.Single();
        var queue = await world.Moderation.QueueAsync();
        await world.Moderation.RestoreAsync(DiscussionWorld.Actor(moderator), comment.Id, "The claim is sourced; no accusation on a second reading");
        var restored = (await world.Board.GetThreadAsync(thread.Id, null))!.Comments.Single();

        Assert.Equal([false, false, true], hidden);
        Assert.Equal(CommentStatus.Hidden, whileHidden.Status);
        Assert.False(whileHidden.BodyVisible);
        Assert.Equal(3, queue.Single().Flags.Count);
        Assert.Equal(CommentStatus.Published, restored.Status);
        Assert.Empty(await world.Moderation.QueueAsync());
        var log = (await world.Audit.ListAsync(new AuditQuery(TargetKind: ModerationTarget.Comment, TargetId: comment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Reverse().Select(a => a.Action).ToList();
        Assert.Equal([ModerationActionKind.CommentFlagged, ModerationActionKind.CommentFlagged, ModerationActionKind.CommentFlagged, ModerationActionKind.CommentAutoHidden, ModerationActionKind.CommentRestored], log);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task New_members_cannot_flag_nobody_flags_twice_and_a_flag_needs_a_reason(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var thread = await world.TopicAsync();
        var author = await world.UserAsync("author", level: TrustLevel.Basic);
        var newcomer = await world.UserAsync("newcomer");
        var member = await world.UserAsync("member", level: TrustLevel.Basic);
        var comment = (await world.Board.PostCommentAsync(author.Id, new NewComment(thread.Id, Sourced), false)).Comment!;

        var tooNew = await Assert.ThrowsAsync<ModerationException>(() => world.Board.FlagAsync(newcomer.Id, comment.Id, FlagReason.Spam, "spam spam"));
        var noReason = await Assert.ThrowsAsync<ModerationException>(() => world.Board.FlagAsync(member.Id, comment.Id, FlagReason.Spam, " "));
        await world.Board.FlagAsync(member.Id, comment.Id, FlagReason.Spam, "Advertises a course");
        var twice = await Assert.ThrowsAsync<ModerationException>(() => world.Board.FlagAsync(member.Id, comment.Id, FlagReason.Spam, "Advertises a course"));
        var own = await Assert.ThrowsAsync<ModerationException>(() => world.Board.FlagAsync(author.Id, comment.Id, FlagReason.Spam, "my own"));

        Assert.Contains("Basic", tooNew.Message, StringComparison.Ordinal);
        Assert.Contains("why", noReason.Message, StringComparison.Ordinal);
        Assert.Contains("already", twice.Message, StringComparison.Ordinal);
        Assert.Contains("own", own.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_professionalism_check_warns_before_posting_and_holds_serious_findings_for_review(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var thread = await world.TopicAsync();
        var member = await world.UserAsync("member", level: TrustLevel.Regular);
        const string identifying = "My patient Maria Lopez, 94, MRN 4482913, was admitted to St. Mary's ICU on March 3rd; call her at 555-201-3344.";

        var warned = await world.Board.PostCommentAsync(member.Id, new NewComment(thread.Id, identifying), acknowledgeWarnings: false);
        var countBefore = await world.Db.Comments.CountAsync();
        var posted = await world.Board.PostCommentAsync(member.Id, new NewComment(thread.Id, identifying), acknowledgeWarnings: true);

        Assert.True(warned.NeedsAcknowledgement);
        Assert.Null(warned.Comment);
        Assert.Contains(warned.Check.Findings, f => f.Category == FindingCategory.RecordNumber);
        Assert.Equal(0, countBefore);
        Assert.True(posted.Queued);
        Assert.Contains("professionalism check", posted.QueueReason, StringComparison.Ordinal);
        Assert.True(posted.Comment!.CheckFindings > 0);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_check_before_posting_uses_the_settings_the_administrators_stored(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var thread = await world.TopicAsync();
        var member = await world.UserAsync("member", level: TrustLevel.Regular);
        const string text = "This consensus statement reads like flapdoodle to me; see https://doi.org/10.1097/ACM.0000000000000726.";

        var withDefaults = await world.Board.CheckAsync(text);
        await world.Services.GetRequiredService<ProfessionalismService>().SaveSettingsAsync(new ProfessionalismSettings { DeniedTerms = { "flapdoodle" } }, "admin");
        var warned = await world.Board.PostCommentAsync(member.Id, new NewComment(thread.Id, text), acknowledgeWarnings: false);

        Assert.DoesNotContain(withDefaults.Findings, f => f.Text.Contains("flapdoodle", StringComparison.OrdinalIgnoreCase));
        Assert.True(warned.NeedsAcknowledgement);
        Assert.Contains(warned.Check.Findings, f => f.Text.Contains("flapdoodle", StringComparison.OrdinalIgnoreCase));
        Assert.Null(warned.Comment);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Replies_mentions_and_subscriptions_notify_each_person_once_and_record_an_outbox_message(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var starter = await world.UserAsync("starter", level: TrustLevel.Basic, email: "starter@example.org");
        var replier = await world.UserAsync("replier", level: TrustLevel.Basic);
        var mentioned = await world.UserAsync("mentioned", level: TrustLevel.Basic, email: "mentioned@example.org");
        var thread = await world.TopicAsync(starter);
        var first = (await world.Board.PostCommentAsync(starter.Id, new NewComment(thread.Id, Sourced), false)).Comment!;

        await world.Board.PostCommentAsync(replier.Id, new NewComment(thread.Id, "Agreed, and @mentioned has data on this (see https://doi.org/10.1111/medu.13079).", first.Id), false);

        var notifications = await world.Db.Notifications.AsNoTracking().ToListAsync();
        Assert.Single(notifications, n => n.UserId == starter.Id);
        Assert.Equal(NotificationKind.Reply, notifications.Single(n => n.UserId == starter.Id).Kind);
        Assert.Equal(NotificationKind.Mention, notifications.Single(n => n.UserId == mentioned.Id).Kind);
        Assert.DoesNotContain(notifications, n => n.UserId == replier.Id);
        var outbox = await world.Db.OutboxMessages.AsNoTracking().Where(m => m.Kind == OutboxKind.Notification).ToListAsync();
        Assert.Equal(notifications.Count, outbox.Count);
        Assert.Contains(outbox, m => m.ToAddress == "mentioned@example.org" && m.Body.Contains("/Discussions/Thread/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Locked_and_closed_threads_take_no_comments(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var member = await world.UserAsync("member", level: TrustLevel.Basic);
        var moderator = await world.UserAsync("mod", Roles.Moderator);
        var thread = await world.TopicAsync();
        var closing = await world.TopicAsync(openUntil: DateTime.UtcNow.AddHours(1));

        await world.Moderation.LockAsync(DiscussionWorld.Actor(moderator), thread.Id, true, "Off-topic arguments");
        var locked = await Assert.ThrowsAsync<ModerationException>(() => world.Board.PostCommentAsync(member.Id, new NewComment(thread.Id, Sourced), false));
        var noReason = await Assert.ThrowsAsync<ModerationException>(() => world.Moderation.LockAsync(DiscussionWorld.Actor(moderator), thread.Id, false, ""));
        closing.OpenUntil = DateTime.UtcNow.AddMinutes(-1);
        await world.Db.SaveChangesAsync();
        var closed = await Assert.ThrowsAsync<ModerationException>(() => world.Board.PostCommentAsync(member.Id, new NewComment(closing.Id, Sourced), false));

        Assert.Contains("locked", locked.Message, StringComparison.Ordinal);
        Assert.Contains("reason", noReason.Message, StringComparison.Ordinal);
        Assert.Contains("closed", closed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_suspended_member_cannot_post_or_sign_in_and_only_administrators_suspend_moderators(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var member = await world.UserAsync("member", level: TrustLevel.Basic);
        var moderator = await world.UserAsync("mod", Roles.Moderator);
        var otherModerator = await world.UserAsync("mod2", Roles.Moderator);
        var thread = await world.TopicAsync();

        await world.Moderation.SuspendAsync(DiscussionWorld.Actor(moderator), "member", DateTime.UtcNow.AddDays(3), "Repeated personal attacks");
        var posting = await Assert.ThrowsAsync<ModerationException>(() => world.Board.PostCommentAsync(member.Id, new NewComment(thread.Id, Sourced), false));
        var users = world.Services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ScholarUser>>();
        var lockedOut = await users.IsLockedOutAsync((await users.FindByIdAsync(member.Id))!);
        var peer = await Assert.ThrowsAsync<ModerationException>(() => world.Moderation.SuspendAsync(DiscussionWorld.Actor(moderator), otherModerator.UserName!, DateTime.UtcNow.AddDays(1), "disagreement"));
        await world.Moderation.UnsuspendAsync(DiscussionWorld.Actor(moderator), "member", "Apologised");

        Assert.Contains("suspended", posting.Message, StringComparison.Ordinal);
        Assert.True(lockedOut);
        Assert.Contains("administrators", peer.Message, StringComparison.Ordinal);
        Assert.False(await world.Trust.IsSuspendedAsync(member.Id));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Reactions_toggle_and_replies_appear_under_their_parent(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var a = await world.UserAsync("a", level: TrustLevel.Basic);
        var b = await world.UserAsync("b", level: TrustLevel.Basic);
        var thread = await world.TopicAsync();
        var first = (await world.Board.PostCommentAsync(a.Id, new NewComment(thread.Id, "First, see https://doi.org/10.1/x"), true)).Comment!;
        var second = (await world.Board.PostCommentAsync(b.Id, new NewComment(thread.Id, "Second top-level, see https://doi.org/10.1/y"), true)).Comment!;
        var quote = await world.Board.QuoteAsync(first.Id);
        var reply = (await world.Board.PostCommentAsync(b.Id, new NewComment(thread.Id, quote + "Replying to the first.", first.Id, first.Id), true)).Comment!;

        Assert.True(await world.Board.ToggleReactionAsync(b.Id, first.Id, ReactionKind.Insightful));
        Assert.True(await world.Board.ToggleReactionAsync(a.Id, first.Id, ReactionKind.Insightful));
        Assert.False(await world.Board.ToggleReactionAsync(a.Id, first.Id, ReactionKind.Insightful));
        var view = (await world.Board.GetThreadAsync(thread.Id, b.Id))!;

        Assert.Equal([first.Id, reply.Id, second.Id], view.Comments.Select(c => c.Id));
        Assert.Equal(1, view.Comments[1].Depth);
        Assert.StartsWith("> Dr a wrote:", quote, StringComparison.Ordinal);
        var insightful = view.Comments[0].Reactions.Single(r => r.Kind == ReactionKind.Insightful);
        Assert.Equal(1, insightful.Count);
        Assert.True(insightful.Mine);
    }

    [Fact]
    public void Mentions_skip_quoted_lines_code_and_e_mail_addresses()
    {
        var names = Mentions.Extract("Thanks @ana.lopez and @Ben_K.\n> @quoted wrote this\n`@incode` mail me at x@example.org\n```\n@fenced\n```\n@ana.lopez again");

        Assert.Equal(["ana.lopez", "Ben_K"], names);
    }
}
