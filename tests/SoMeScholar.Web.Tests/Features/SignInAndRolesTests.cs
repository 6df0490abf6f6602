using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Tests.Features;

public class SignInAndRolesTests
{
    [Fact]
    public async Task A_user_signs_in_through_the_form_and_the_page_names_them()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (name, password) = await factory.AddUserAsync(Roles.Reviewer);
        var client = factory.Client();

        var response = await ScholarWebFactory.SignInAsync(client, name, password);
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("data-testid=\"signed-in-user\"", home, StringComparison.Ordinal);
        Assert.Contains(name, home, StringComparison.Ordinal);
        var me = await client.GetFromJsonAsync<MeResponse>("/api/me");
        Assert.True(me!.SignedIn);
        Assert.Contains(Roles.Reviewer, me.Roles);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_five_lock_the_account()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (name, password) = await factory.AddUserAsync(Roles.Member);
        var client = factory.Client();

        for (var i = 0; i < 5; i++)
        {
            var failed = await ScholarWebFactory.SignInAsync(client, name, "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var locked = await ScholarWebFactory.SignInAsync(client, name, password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_the_sign_in_form_without_its_antiforgery_token_is_refused()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (name, password) = await factory.AddUserAsync(Roles.Member);

        var response = await factory.Client().PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = name, ["Password"] = password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Member, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Reviewer, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Moderator, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Administrator, HttpStatusCode.OK)]
    public async Task Only_administrators_list_users_through_the_API(string? role, HttpStatusCode expected)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var client = role is null ? factory.Client() : await factory.SignedInClientAsync(role);

        var response = await client.GetAsync("/api/users");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_administration_page_sends_guests_to_sign_in_and_refuses_members()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var guest = await factory.Client().GetAsync("/Admin/Users");
        var member = await (await factory.SignedInClientAsync(Roles.Member)).GetAsync("/Admin/Users");
        var admin = await (await factory.SignedInClientAsync(Roles.Administrator)).GetAsync("/Admin/Users");

        Assert.Equal(HttpStatusCode.Redirect, guest.StatusCode);
        Assert.StartsWith("/Account/Login", guest.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", member.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task An_administrator_changes_a_role_through_the_API()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (name, _) = await factory.AddUserAsync(Roles.Member);
        var admin = await factory.SignedInClientAsync(Roles.Administrator);

        var response = await admin.PutAsJsonAsync($"/api/users/{name}/role", new { role = Roles.Moderator });
        var users = await admin.GetFromJsonAsync<List<UserRow>>("/api/users");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(Roles.Moderator, users!.Single(u => u.UserName == name).Roles);
    }

    [Fact]
    public async Task A_one_time_password_must_be_changed_before_anything_else()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var password = await FirstAdministratorPasswordAsync(factory);
        var client = factory.Client();
        await ScholarWebFactory.SignInAsync(client, "admin", password);

        var elsewhere = await client.GetAsync("/Archive");
        var form = await client.GetStringAsync("/Account/ChangePassword");
        var changed = await client.PostAsync("/Account/ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = password,
            ["NewPassword"] = "Brand-new-Passw0rd",
            ["ConfirmPassword"] = "Brand-new-Passw0rd",
            ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(form),
        }));
        var afterwards = await client.GetAsync("/Archive");

        Assert.Equal("/Account/ChangePassword", elsewhere.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"must-change-password\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var client = factory.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 110; i++)
        {
            statuses.Add((await client.GetAsync("/Account/Login")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal((HttpStatusCode)429, statuses[^1]);
    }

    private static async Task<string> FirstAdministratorPasswordAsync(ScholarWebFactory factory)
    {
        // The factory's start-up already created "admin" and printed its password; give it a known one-time password instead.
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ScholarUser>>();
        var admin = await users.FindByNameAsync("admin");
        var password = UserAdministration.GeneratePassword();
        await users.RemovePasswordAsync(admin!);
        await users.AddPasswordAsync(admin!, password);
        Assert.True(admin!.MustChangePassword);
        return password;
    }

    private sealed record MeResponse(bool SignedIn, string? UserName, List<string> Roles);

    private sealed record UserRow(string UserName, List<string> Roles);
}
