using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Web.Tests.Discussions;

namespace SoMeScholar.Web.Tests.Hashtags;

public class EventDiscussionTests
{
    [Fact]
    public async Task The_event_page_links_to_its_discussion_and_a_member_opens_a_thread_that_links_back_to_the_event()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        HashtagEvent item;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            item = await scope.ServiceProvider.GetRequiredService<EventCatalog>().CreateAsync(
                new EventInput("Discussed Summit", null, new DateOnly(2026, 10, 14), new DateOnly(2026, 10, 16), "America/Toronto", "#Discussed26"), "admin");
        }

        var eventUrl = $"/Hashtags/Events/{item.Slug}";
        var before = new HtmlParser().ParseDocument(await factory.Client().GetStringAsync(eventUrl));
        var (member, _) = await factory.MemberClientAsync(TrustLevel.Basic);
        var newUrl = $"/Discussions/New?Kind=Event&SubjectId={item.Id}";
        var form = await member.GetStringAsync(newUrl);
        var opened = await member.PostFormAsync(newUrl, new Dictionary<string, string>
        {
            ["Kind"] = "Event", ["SubjectId"] = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Title"] = "Recordings of the plenaries", ["Body"] = "Will the plenaries be posted afterwards?",
        });
        var threadUrl = opened.Headers.Location!.OriginalString;
        var thread = new HtmlParser().ParseDocument(await member.GetStringAsync(threadUrl));
        var after = new HtmlParser().ParseDocument(await factory.Client().GetStringAsync(eventUrl));
        var listed = await factory.Client().GetStringAsync(after.QuerySelector("[data-testid=event-threads]")!.GetAttribute("href")!);

        Assert.Equal(newUrl, before.QuerySelector("[data-testid=discuss-event]")!.GetAttribute("href"));
        Assert.Equal("0 discussion threads", before.QuerySelector("[data-testid=event-threads]")!.TextContent.Trim());
        Assert.Contains("Discuss: Discussed Summit", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.StartsWith("/Discussions/Thread/", threadUrl, StringComparison.Ordinal);
        Assert.Contains(thread.QuerySelectorAll("a"), a => a.GetAttribute("href") == eventUrl && a.TextContent == "Discussed Summit");
        Assert.Equal("1 discussion thread", after.QuerySelector("[data-testid=event-threads]")!.TextContent.Trim());
        Assert.Contains("Recordings of the plenaries", listed, StringComparison.Ordinal);
    }
}
