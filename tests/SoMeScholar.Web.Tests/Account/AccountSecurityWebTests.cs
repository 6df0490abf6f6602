using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Tests.Discussions;

namespace SoMeScholar.Web.Tests.Account;

public class AccountSecurityWebTests
{
    [Fact]
    public async Task Open_registration_needs_the_e_mail_confirmation_from_the_outbox_before_sign_in()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        await SetModeAsync(factory, RegistrationMode.Open);
        var client = factory.Client();

        var registered = await client.PostFormAsync("/Account/Register", new Dictionary<string, string>
        {
            ["UserName"] = "new.reader", ["Email"] = "new.reader@example.org", ["DisplayName"] = "New Reader", ["Password"] = "Good-Passw0rd-1",
        });
        var beforeConfirming = await ScholarWebFactory.SignInAsync(client, "new.reader", "Good-Passw0rd-1");
        var message = await OutboxAsync(factory, "new.reader@example.org", OutboxKind.EmailConfirmation);
        var confirmed = await client.GetStringAsync(LocalPart(message.Body));
        var afterConfirming = await ScholarWebFactory.SignInAsync(client, "new.reader", "Good-Passw0rd-1");

        Assert.Contains("data-testid=\"registered\"", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, beforeConfirming.StatusCode);
        Assert.Contains("e-mail confirmed", await beforeConfirming.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"email-confirmed\"", confirmed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, afterConfirming.StatusCode);
    }

    [Fact]
    public async Task Closed_registration_refuses_and_an_invitation_from_the_administrator_opens_the_door_once()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var guest = factory.Client();
        var closed = await guest.GetStringAsync("/Account/Register");
        var admin = await factory.SignedInClientAsync(Roles.Administrator);
        await admin.PostFormAsync("/Admin/Registration?handler=Mode", new Dictionary<string, string> { ["NewMode"] = "1", ["Reason"] = "Invited pilot" });
        var invited = await admin.PostFormAsync("/Admin/Registration?handler=Invite", new Dictionary<string, string> { ["InviteNote"] = "for Dr Rivera", ["InviteDays"] = "7" });
        var code = new HtmlParser().ParseDocument(await invited.Content.ReadAsStringAsync()).QuerySelector("[data-testid=invitation-code]")!.TextContent;
        var fields = new Dictionary<string, string> { ["UserName"] = "rivera", ["Email"] = "rivera@example.org", ["DisplayName"] = "Dr Rivera", ["Password"] = "Good-Passw0rd-1", ["InvitationCode"] = code };

        var first = await guest.PostFormAsync("/Account/Register", fields);
        var second = await guest.PostFormAsync("/Account/Register", new Dictionary<string, string>(fields) { ["UserName"] = "rivera2", ["Email"] = "rivera2@example.org" });

        Assert.Contains("data-testid=\"registration-closed\"", closed, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"registered\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("invitation code", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_link_from_the_outbox_sets_a_new_password_and_says_the_same_for_unknown_accounts()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync("forgetful", "forgetful@example.org", Roles.Member, "Old-Passw0rd-123");
        }

        var client = factory.Client();
        var unknown = await client.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["UserNameOrEmail"] = "nobody@example.org" });
        var known = await client.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["UserNameOrEmail"] = "forgetful@example.org" });
        var message = await OutboxAsync(factory, "forgetful@example.org", OutboxKind.PasswordReset);
        var reset = await client.PostFormAsync(LocalPart(message.Body), new Dictionary<string, string>
        {
            ["UserId"] = Query(message.Body, "userId"), ["Code"] = Query(message.Body, "code"), ["NewPassword"] = "New-Passw0rd-456",
        });
        var oldPassword = await ScholarWebFactory.SignInAsync(factory.Client(), "forgetful", "Old-Passw0rd-123");
        var newPassword = await ScholarWebFactory.SignInAsync(factory.Client(), "forgetful", "New-Passw0rd-456");

        Assert.Contains("data-testid=\"reset-sent\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"reset-sent\"", await known.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"password-reset\"", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_so_even_the_right_password_is_refused()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (name, password) = await factory.AddUserAsync(Roles.Member);
        var client = factory.Client();

        var failures = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            failures.Add(await ScholarWebFactory.SignInAsync(client, name, "Wrong-Passw0rd-" + attempt));
        }

        var rightPassword = await ScholarWebFactory.SignInAsync(client, name, password);
        var page = new HtmlParser().ParseDocument(await rightPassword.Content.ReadAsStringAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ScholarUser>>();
        var account = (await users.FindByNameAsync(name))!;

        Assert.All(failures, f => Assert.Equal(HttpStatusCode.OK, f.StatusCode));
        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains("locked", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(await users.IsLockedOutAsync(account));
        Assert.InRange(account.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(13), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Two_factor_sign_in_with_an_authenticator_code_after_setting_it_up()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (name, password) = await factory.AddUserAsync(Roles.Member);
        var client = factory.Client();
        await ScholarWebFactory.SignInAsync(client, name, password);

        var setup = await client.PostFormAsync("/Account/Security?handler=SetupAuthenticator", new Dictionary<string, string>());
        var page = new HtmlParser().ParseDocument(await setup.Content.ReadAsStringAsync());
        var key = page.QuerySelector("[data-testid=authenticator-key]")!.GetAttribute("data-key")!;
        var uri = page.QuerySelector("[data-testid=authenticator-uri]")!.GetAttribute("href")!;
        var wrong = await client.PostFormAsync("/Account/Security?handler=EnableAuthenticator", new Dictionary<string, string> { ["VerificationCode"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        var enabled = await client.PostFormAsync("/Account/Security?handler=EnableAuthenticator", new Dictionary<string, string> { ["VerificationCode"] = Totp.Code(key, DateTimeOffset.UtcNow) });

        var fresh = factory.Client();
        var first = await ScholarWebFactory.SignInAsync(fresh, name, password);
        var second = await fresh.PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        var me = await fresh.GetFromJsonAsync<JsonElement>("/api/me");

        Assert.StartsWith($"otpauth://totp/SoMeScholar:{name}?secret={key}&issuer=SoMeScholar", uri, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"security-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var enabledPage = await enabled.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"two-factor-on\"", enabledPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"recovery-codes\"", enabledPage, StringComparison.Ordinal);
        Assert.StartsWith("/Account/LoginWith2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.True(me.GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task A_personal_API_token_authenticates_bearer_calls_with_the_owners_roles_until_revoked()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var member = await factory.SignedInClientAsync(Roles.Member);
        var created = await member.PostFormAsync("/Account/Security?handler=CreateToken", new Dictionary<string, string> { ["TokenName"] = "notebook", ["TokenDays"] = "30" });
        var secret = new HtmlParser().ParseDocument(await created.Content.ReadAsStringAsync()).QuerySelector("[data-testid=new-token]")!.TextContent;
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var me = await api.GetFromJsonAsync<JsonElement>("/api/me");
        var tokens = await api.GetFromJsonAsync<JsonElement>("/api/account/tokens");
        var adminOnly = await api.GetAsync("/api/users");
        var id = tokens[0].GetProperty("id").GetInt64();
        var revoked = await api.DeleteAsync($"/api/account/tokens/{id}");
        var afterRevoking = await api.GetAsync("/api/account/tokens");
        var forged = factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sms_not-a-real-token");

        Assert.True(me.GetProperty("signedIn").GetBoolean());
        Assert.Contains(Roles.Member, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("notebook", tokens[0].GetProperty("name").GetString());
        Assert.False(tokens[0].TryGetProperty("hash", out _));
        Assert.Equal(HttpStatusCode.Forbidden, adminOnly.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoking.StatusCode);
        Assert.Equal("Bearer", afterRevoking.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/account/tokens")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_sessions_and_keeps_this_one()
    {
        await using var factory = await ScholarWebFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Security:StampValidationInterval"] = "00:00:00" });
        var (name, password) = await factory.AddUserAsync(Roles.Member);
        var laptop = factory.Client();
        var phone = factory.Client();
        await ScholarWebFactory.SignInAsync(laptop, name, password);
        await ScholarWebFactory.SignInAsync(phone, name, password);
        var phoneBefore = await phone.GetAsync("/Account/Security");

        await laptop.PostFormAsync("/Account/Security?handler=SignOutEverywhere", new Dictionary<string, string>());
        var phoneAfter = await phone.GetAsync("/Account/Security");
        var laptopAfter = await laptop.GetAsync("/Account/Security");

        Assert.Equal(HttpStatusCode.OK, phoneBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, phoneAfter.StatusCode);
        Assert.StartsWith("/Account/Login", phoneAfter.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, laptopAfter.StatusCode);
    }

    [Fact]
    public async Task A_person_downloads_their_data_and_deleting_the_account_leaves_their_comment_anonymous()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (name, password) = await factory.AddUserAsync(Roles.Member);
        await factory.GrantTrustAsync(name, TrustLevel.Basic);
        var client = factory.Client();
        await ScholarWebFactory.SignInAsync(client, name, password);
        var thread = await factory.TopicAsync();
        var commentId = await factory.CommentAsync(thread, "My view, with a source https://doi.org/10.1/abc", name);

        var export = await client.GetAsync("/Account/Privacy?handler=Export");
        var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        var wrongPassword = await client.PostFormAsync("/Account/Privacy?handler=Delete", new Dictionary<string, string> { ["Password"] = "nope", ["Confirm"] = "DELETE" });
        var deleted = await client.PostFormAsync("/Account/Privacy?handler=Delete", new Dictionary<string, string> { ["Password"] = password, ["Confirm"] = "DELETE" });
        var signIn = await ScholarWebFactory.SignInAsync(factory.Client(), name, password);
        var threadPage = new HtmlParser().ParseDocument(await factory.Client().GetStringAsync($"/Discussions/Thread/{thread}"));

        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal(name, json.GetProperty("account").GetProperty("userName").GetString());
        Assert.Equal(commentId, json.GetProperty("discussions").GetProperty("comments")[0].GetProperty("id").GetInt64());
        Assert.Contains("password is not right", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var comment = threadPage.QuerySelector($"#comment-{commentId}")!;
        Assert.Contains(DiscussionBoard.AnonymousName, comment.TextContent, StringComparison.Ordinal);
        Assert.Contains("My view", comment.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_posting_and_flagging_are_rate_limited()
    {
        await using var factory = await ScholarWebFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:Multiplier"] = "1" });
        var guest = factory.Client();
        var (member, _) = await factory.MemberClientAsync(TrustLevel.Basic);
        var thread = await factory.TopicAsync();
        var comment = await factory.CommentAsync(thread, "Flag me, https://doi.org/10.1/f");

        var registration = await StatusesAsync(() => guest.GetAsync("/Account/Register"), 6);
        var posting = await StatusesAsync(() => member.GetAsync($"/Discussions/Comment?threadId={thread}"), 21);
        var flagging = await StatusesAsync(() => member.GetAsync($"/Discussions/Flag/{comment}"), 21);
        var api = await StatusesAsync(() => member.PostAsJsonAsync($"/api/discussions/comments/{comment}/flags", new { reason = "Spam", detail = "x" }), 1);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), (HttpStatusCode)429], registration);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 20), (HttpStatusCode)429], posting);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 20), (HttpStatusCode)429], flagging);
        Assert.Equal([(HttpStatusCode)429], api);
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(Func<Task<HttpResponseMessage>> call, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await call()).StatusCode);
        }

        return statuses;
    }

    private static async Task SetModeAsync(ScholarWebFactory factory, RegistrationMode mode)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var admin = (await scope.ServiceProvider.GetRequiredService<UserManager<ScholarUser>>().FindByNameAsync("admin"))!;
        await scope.ServiceProvider.GetRequiredService<Registration>().SetModeAsync(new Actor(admin.Id, "admin"), mode, "test");
    }

    private static async Task<OutboxMessage> OutboxAsync(ScholarWebFactory factory, string address, OutboxKind kind)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScholarDb>().OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == address && m.Kind == kind);
    }

    private static string LocalPart(string body)
    {
        var url = new Uri(body.Split('\n').First(l => l.StartsWith("http", StringComparison.Ordinal)).Trim());
        return url.PathAndQuery;
    }

    private static string Query(string body, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + LocalPart(body)).Query)[name].ToString();
}
