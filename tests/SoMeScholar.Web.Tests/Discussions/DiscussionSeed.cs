using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Tests.Discussions;

/// <summary>Test data for the discussion pages: members at a trust level, a topic, comments; and form posting helpers.</summary>
public static class DiscussionSeed
{
    public static async Task<ScholarUser> GrantTrustAsync(this ScholarWebFactory factory, string userName, TrustLevel? level = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ScholarUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            throw new InvalidOperationException($"No user {userName}");
        }

        if (level is { } granted)
        {
            var admin = (await users.FindByNameAsync("admin"))!;
            await scope.ServiceProvider.GetRequiredService<TrustLevels>().GrantAsync(new Actor(admin.Id, "Administrator"), user.Id, granted, "test set-up");
        }

        return user;
    }

    /// <summary>A signed-in client whose account has the given trust level.</summary>
    public static async Task<(HttpClient Client, string UserName)> MemberClientAsync(this ScholarWebFactory factory, TrustLevel level, string role = Roles.Member)
    {
        var (name, password) = await factory.AddUserAsync(role);
        await factory.GrantTrustAsync(name, level);
        var client = factory.Client();
        var response = await ScholarWebFactory.SignInAsync(client, name, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, name);
    }

    public static async Task<long> TopicAsync(this ScholarWebFactory factory, string title = "Consensus statement on digital scholarship", string body = "1. Blogs count as scholarship.")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ScholarUser>>();
        var admin = (await users.FindByNameAsync("admin"))!;
        var thread = await scope.ServiceProvider.GetRequiredService<DiscussionBoard>().CreateThreadAsync(admin.Id, new NewThread(SubjectKind.Topic, null, title, body));
        return thread.Id;
    }

    /// <summary>Posts a published comment as the administrator (through the operation, not the page).</summary>
    public static async Task<long> CommentAsync(this ScholarWebFactory factory, long threadId, string body, string? userName = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ScholarUser>>();
        var user = (await users.FindByNameAsync(userName ?? "admin"))!;
        var result = await scope.ServiceProvider.GetRequiredService<DiscussionBoard>().PostCommentAsync(user.Id, new NewComment(threadId, body), acknowledgeWarnings: true);
        return result.Comment!.Id;
    }

    /// <summary>Loads a page, takes the antiforgery token from its first form, and posts the fields to the form's action (or the page).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pagePath, IDictionary<string, string> fields, string? action = null)
    {
        var html = await client.GetStringAsync(pagePath);
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(html) };
        return await client.PostAsync(action ?? pagePath, new FormUrlEncodedContent(values));
    }
}
