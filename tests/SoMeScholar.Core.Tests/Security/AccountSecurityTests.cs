using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Tests.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Security;

public class AccountSecurityTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task API_tokens_are_stored_hashed_authenticate_until_revoked_and_belong_to_their_owner(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var owner = await world.UserAsync("owner");
        var other = await world.UserAsync("other");
        var tokens = world.Services.GetRequiredService<ApiTokens>();

        var (summary, secret) = await tokens.CreateAsync(owner.Id, "analysis script", 30);
        var stored = await world.Db.ApiTokens.AsNoTracking().SingleAsync();
        var before = await tokens.AuthenticateAsync(secret);
        var revokedByOther = await tokens.RevokeAsync(other.Id, summary.Id);
        await tokens.RevokeAsync(owner.Id, summary.Id);
        var after = await tokens.AuthenticateAsync(secret);

        Assert.StartsWith(ApiTokens.TokenPrefix, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(ApiTokens.Hash(secret), stored.Hash);
        Assert.Equal(owner.Id, before);
        Assert.False(revokedByOther);
        Assert.Null(after);
        Assert.Null(await tokens.AuthenticateAsync(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Registration_follows_the_mode_and_invitations_work_once(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var admin = await world.UserAsync("admin1", Roles.Administrator);
        var registration = world.Services.GetRequiredService<Registration>();
        var request = new RegistrationRequest("newbie", "newbie@example.org", "New Bie", "Correct-Horse-9", null);

        var closed = await Assert.ThrowsAsync<RegistrationException>(() => registration.RegisterAsync(request));
        await registration.SetModeAsync(DiscussionWorld.Actor(admin), RegistrationMode.InvitationOnly, "Pilot with invited members");
        var noCode = await Assert.ThrowsAsync<RegistrationException>(() => registration.RegisterAsync(request));
        var (_, code) = await registration.CreateInvitationAsync(DiscussionWorld.Actor(admin), null, "for the pilot");
        var user = await registration.RegisterAsync(request with { InvitationCode = code.ToLowerInvariant() });
        var reused = await Assert.ThrowsAsync<RegistrationException>(() => registration.RegisterAsync(request with { UserName = "second", Email = "second@example.org", InvitationCode = code }));
        var users = world.Services.GetRequiredService<UserManager<ScholarUser>>();
        var confirmation = world.Services.GetRequiredService<IUserConfirmation<ScholarUser>>();

        Assert.Contains("closed", closed.Message, StringComparison.Ordinal);
        Assert.Contains("invitation", noCode.Message, StringComparison.Ordinal);
        Assert.Contains("invitation", reused.Message, StringComparison.Ordinal);
        Assert.False(user.EmailConfirmed);
        Assert.False(await confirmation.IsConfirmedAsync(users, user));
        Assert.Equal([Roles.Member], await users.GetRolesAsync(user));
        Assert.Contains(await world.Audit.ListAsync(new AuditQuery()), a => a.Action == ModerationActionKind.RegistrationModeChanged);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Confirmation_and_reset_messages_go_through_the_outbox_with_working_links(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var users = world.Services.GetRequiredService<UserManager<ScholarUser>>();
        var emails = world.Services.GetRequiredService<AccountEmails>();
        var user = new ScholarUser { UserName = "reader", Email = "reader@example.org", DisplayName = "Reader", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, "Original-Passw0rd")).Succeeded);

        var confirmation = await emails.SendConfirmationAsync(user, "https://scholar.example.org");
        var unconfirmedReset = await emails.SendPasswordResetAsync("reader", "https://scholar.example.org");
        var confirmCode = AccountEmails.Decode(Query(confirmation.Body, "code"));
        Assert.True((await users.ConfirmEmailAsync(user, confirmCode!)).Succeeded);
        var reset = await emails.SendPasswordResetAsync("reader@example.org", "https://scholar.example.org");
        var resetCode = AccountEmails.Decode(Query(reset!.Body, "code"));
        var resetResult = await users.ResetPasswordAsync(user, resetCode!, "Brand-New-Passw0rd");

        Assert.Contains("https://scholar.example.org/Account/ConfirmEmail?userId=", confirmation.Body, StringComparison.Ordinal);
        Assert.Null(unconfirmedReset);
        Assert.True(resetResult.Succeeded);
        Assert.True(await users.CheckPasswordAsync(user, "Brand-New-Passw0rd"));
        Assert.Equal(2, await world.Db.OutboxMessages.CountAsync(m => m.UserId == user.Id && m.ToAddress == "reader@example.org"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Deleting_an_account_keeps_its_comments_anonymous_and_export_holds_everything(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var leaving = await world.UserAsync("leaving", level: TrustLevel.Basic, email: "leaving@example.org");
        var other = await world.UserAsync("other", level: TrustLevel.Basic);
        var thread = await world.TopicAsync();
        var comment = (await world.Board.PostCommentAsync(leaving.Id, new NewComment(thread.Id, "My view, see https://doi.org/10.1/z"), true)).Comment!;
        var otherComment = (await world.Board.PostCommentAsync(other.Id, new NewComment(thread.Id, "Another view, see https://doi.org/10.1/q"), true)).Comment!;
        await world.Board.ToggleReactionAsync(leaving.Id, otherComment.Id, ReactionKind.Agree);
        await world.Board.FlagAsync(leaving.Id, otherComment.Id, FlagReason.OffTopic, "Not about the statement");
        await world.Services.GetRequiredService<ApiTokens>().CreateAsync(leaving.Id, "script", null);
        var privacy = world.Services.GetRequiredService<AccountPrivacy>();

        var export = JsonDocument.Parse(await privacy.ExportJsonAsync(leaving.Id));
        await privacy.DeleteAccountAsync(leaving.Id);

        var root = export.RootElement;
        Assert.Equal("leaving", root.GetProperty("account").GetProperty("userName").GetString());
        Assert.Equal("My view, see https://doi.org/10.1/z", root.GetProperty("discussions").GetProperty("comments")[0].GetProperty("body").GetString());
        Assert.Equal(1, root.GetProperty("discussions").GetProperty("flags").GetArrayLength());
        Assert.Equal("script", root.GetProperty("apiTokens")[0].GetProperty("name").GetString());
        await using var db = world.Store.NewDb();
        var kept = await db.Comments.AsNoTracking().SingleAsync(c => c.Id == comment.Id);
        Assert.Null(kept.AuthorUserId);
        Assert.Equal(CommentStatus.Published, kept.Status);
        Assert.False(await db.Users.AnyAsync(u => u.Id == leaving.Id));
        Assert.False(await db.ApiTokens.AnyAsync());
        Assert.False(await db.CommentReactions.AnyAsync());
        Assert.Null((await db.CommentFlags.AsNoTracking().SingleAsync()).UserId);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == "leaving@example.org"));
        var view = (await world.Board.GetThreadAsync(thread.Id, null))!;
        Assert.Equal(DiscussionBoard.AnonymousName, view.Comments.Single(c => c.Id == comment.Id).AuthorName);
        Assert.Contains(await db.ModerationActions.AsNoTracking().ToListAsync(), a => a.Action == ModerationActionKind.AccountDeleted && a.TargetId == leaving.Id);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_dispatcher_sends_each_addressed_message_once_and_records_failures(DatabaseProvider provider)
    {
        await using var world = await DiscussionWorld.CreateAsync(provider);
        var outbox = world.Services.GetRequiredService<Outbox>();
        outbox.Add(null, "ok@example.org", OutboxKind.Security, "Hello", "Body");
        outbox.Add(null, "fail@example.org", OutboxKind.Security, "Hello", "Body");
        outbox.Add(null, null, OutboxKind.Notification, "In the app only", "Body");
        await world.Db.SaveChangesAsync();
        var sender = new RecordingSender();
        var dispatcher = new OutboxDispatcher(world.Db, sender, Microsoft.Extensions.Options.Options.Create(new EmailOptions { SmtpHost = "localhost" }), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxDispatcher>.Instance);

        var first = await dispatcher.DispatchAsync();
        var second = await dispatcher.DispatchAsync();

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Equal(["ok@example.org", "fail@example.org", "fail@example.org"], sender.Attempts);
        var failed = await world.Db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "fail@example.org");
        Assert.Null(failed.SentAt);
        Assert.Equal(2, failed.Attempts);
        Assert.Equal("mailbox unavailable", failed.LastError);
    }

    private sealed class RecordingSender : IEmailSender
    {
        public List<string> Attempts { get; } = [];

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Attempts.Add(message.ToAddress!);
            return message.ToAddress!.StartsWith("fail", StringComparison.Ordinal) ? Task.FromException(new System.Net.Mail.SmtpException("mailbox unavailable")) : Task.CompletedTask;
        }
    }

    private static string Query(string body, string name)
    {
        var url = body.Split('\n').First(l => l.StartsWith("http", StringComparison.Ordinal)).Trim();
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(url).Query)[name].ToString();
    }
}
