using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Tests.Discussions;

public class DiscussionPagesTests
{
    [Fact]
    public async Task The_comment_form_shows_the_content_rules_and_the_professionalism_warning_before_posting()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (client, _) = await factory.MemberClientAsync(TrustLevel.Basic);
        var thread = await factory.TopicAsync();
        const string text = "My patient Mrs Alvarez, 93, MRN 5521234, was admitted last night; call 555-201-3344.";
        var threadId = thread.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var form = await client.GetStringAsync($"/Discussions/Thread/{thread}");
        var warned = await client.PostFormAsync($"/Discussions/Comment?threadId={thread}", new Dictionary<string, string> { ["ThreadId"] = threadId, ["Body"] = text });
        var warnedPage = new HtmlParser().ParseDocument(await warned.Content.ReadAsStringAsync());
        var threadBefore = await client.GetStringAsync($"/Discussions/Thread/{thread}");
        var posted = await client.PostFormAsync($"/Discussions/Comment?threadId={thread}", new Dictionary<string, string> { ["ThreadId"] = threadId, ["Body"] = text, ["AcknowledgeWarnings"] = "true" });

        Assert.Contains("data-testid=\"rules-at-writing\"", form, StringComparison.Ordinal);
        Assert.Contains("verify", form, StringComparison.Ordinal);
        Assert.Contains("misconduct", form, StringComparison.Ordinal);
        Assert.Contains("patient-identifying", form, StringComparison.Ordinal);
        Assert.Contains("RecordNumber", warnedPage.QuerySelector("[data-testid=check-warning]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(text, warnedPage.QuerySelector("[data-testid=comment-input]")!.TextContent.Trim());
        Assert.DoesNotContain("Alvarez", threadBefore, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"comment-queued\"", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_thread_shows_the_professionalism_warning_before_anything_is_saved()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (client, _) = await factory.MemberClientAsync(TrustLevel.Basic);
        const string body = "Statement: my patient Mr Okafor, 91, MRN 7731234, shows why we need this.";
        var fields = new Dictionary<string, string> { ["Kind"] = "Topic", ["Title"] = "Case-based consensus", ["Body"] = body };

        var warned = await client.PostFormAsync("/Discussions/New", fields);
        var warnedPage = new HtmlParser().ParseDocument(await warned.Content.ReadAsStringAsync());
        var listBefore = await client.GetStringAsync("/Discussions");
        var opened = await client.PostFormAsync("/Discussions/New", new Dictionary<string, string>(fields) { ["AcknowledgeWarnings"] = "true" });
        var listAfter = await client.GetStringAsync("/Discussions");

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.Contains("RecordNumber", warnedPage.QuerySelector("[data-testid=check-warning]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(warnedPage.QuerySelector("[data-testid=acknowledge]"));
        Assert.DoesNotContain("Case-based consensus", listBefore, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.StartsWith("/Discussions/Thread/", opened.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Case-based consensus", listAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_approves_from_the_queue_and_the_administrator_exports_the_audit_log()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (newcomer, _) = await factory.MemberClientAsync(TrustLevel.New);
        var moderator = await factory.SignedInClientAsync(Roles.Moderator);
        var admin = await factory.SignedInClientAsync(Roles.Administrator);
        var thread = await factory.TopicAsync();
        var threadId = thread.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var queued = await newcomer.PostFormAsync($"/Discussions/Comment?threadId={thread}", new Dictionary<string, string> { ["ThreadId"] = threadId, ["Body"] = "First comment, citing https://doi.org/10.1/first" });
        var guestBefore = await factory.Client().GetStringAsync($"/Discussions/Thread/{thread}");
        var queue = new HtmlParser().ParseDocument(await moderator.GetStringAsync("/Discussions/Moderation"));
        var commentId = queue.QuerySelector("[data-testid=queue-item]")!.GetAttribute("data-comment-id")!;
        var withoutReason = await moderator.PostFormAsync("/Discussions/Moderation", new Dictionary<string, string> { ["commentId"] = commentId, ["decision"] = "approve", ["reason"] = "" }, "/Discussions/Moderation?handler=Comment");
        var refusal = new HtmlParser().ParseDocument(await moderator.GetStringAsync(withoutReason.Headers.Location!.OriginalString)).QuerySelector("[data-testid=moderation-message]")!.TextContent;
        var approved = await moderator.PostFormAsync("/Discussions/Moderation", new Dictionary<string, string> { ["commentId"] = commentId, ["decision"] = "approve", ["reason"] = "Sourced and polite" }, "/Discussions/Moderation?handler=Comment");
        var guestAfter = await factory.Client().GetStringAsync($"/Discussions/Thread/{thread}");
        var csv = await admin.GetStringAsync("/Admin/AuditLog?handler=Export&format=csv");
        var json = JsonDocument.Parse(await admin.GetStringAsync("/api/audit")).RootElement;
        var moderatorExport = await moderator.GetAsync("/Admin/AuditLog?handler=Export&format=csv");

        Assert.Contains("data-testid=\"comment-queued\"", await queued.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("First comment", guestBefore, StringComparison.Ordinal);
        Assert.Contains("Give a reason", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("First comment", guestAfter, StringComparison.Ordinal);
        Assert.StartsWith("id,at,actor_user_id,actor_name,action,target_kind,target_id,reason,details", csv, StringComparison.Ordinal);
        Assert.Contains($",CommentApproved,Comment,{commentId},Sourced and polite,", csv, StringComparison.Ordinal);
        Assert.Contains($",CommentQueued,Comment,{commentId},", csv, StringComparison.Ordinal);
        Assert.Contains(json.EnumerateArray(), e => e.GetProperty("action").GetString() == "CommentApproved");
        Assert.Equal(HttpStatusCode.Redirect, moderatorExport.StatusCode);
    }

    [Fact]
    public async Task The_API_posts_comments_returns_findings_for_acknowledgement_and_flags()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (client, _) = await factory.MemberClientAsync(TrustLevel.Basic);
        var thread = await factory.TopicAsync();
        var other = await factory.CommentAsync(thread, "Someone else's comment, https://doi.org/10.1/o");

        var conflict = await client.PostAsJsonAsync($"/api/discussions/threads/{thread}/comments", new { body = "Call the family at 555-201-3344", acknowledgeWarnings = false });
        var created = await client.PostAsJsonAsync($"/api/discussions/threads/{thread}/comments", new { body = "Agreed, see https://doi.org/10.1/a", acknowledgeWarnings = false });
        var flagged = await client.PostAsJsonAsync($"/api/discussions/comments/{other}/flags", new { reason = "OffTopic", detail = "Not about the statement" });
        var view = await factory.Client().GetFromJsonAsync<JsonElement>($"/api/discussions/threads/{thread}");

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("Phone", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, flagged.StatusCode);
        Assert.Equal(2, view.GetProperty("comments").GetArrayLength());
    }
}
