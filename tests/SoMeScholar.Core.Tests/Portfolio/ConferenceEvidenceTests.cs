using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Importers;
using SoMeScholar.Testing;
using SoMeScholar.Testing.Portfolio;

namespace SoMeScholar.Core.Tests.Portfolio;

public class ConferenceEvidenceTests
{
    /// <summary>
    /// The fixture's Ada posts with #SMACC26 at 12:00 UTC on 2 September (twice) and 3 September 2026. The event "SMACC
    /// 2026" runs 2–3 September in Toronto (UTC−4) with one day before and after. Here she also posts with its second
    /// hashtag at 02:00 UTC on 2 September (22:00 on the 1st in Toronto: the day before, not the event's days), and with
    /// #SMACC26 a month later (outside the report window, and not inferred: the tag belongs to the event).
    /// </summary>
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_registered_event_whose_hashtags_the_person_used_counts_their_posts_and_impressions_as_its_report_does(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        await AddPostsAsync(store, fixture.AdaId, (new DateTime(2026, 9, 2, 2, 0, 0, DateTimeKind.Utc), "SMACCdub"), (PortfolioFixture.Day.AddDays(30), "SMACC26"));
        await using var scope = store.Scope();
        var item = await scope.ServiceProvider.GetRequiredService<EventCatalog>().CreateAsync(
            new EventInput("SMACC 2026", null, new DateOnly(2026, 9, 2), new DateOnly(2026, 9, 3), "America/Toronto", "#SMACC26 #SMACCdub", DaysBefore: 1, DaysAfter: 1), "organiser");

        var portfolio = (await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().ForViewerAsync(fixture.AdaSlug, PortfolioViewer.CommandLine))!;
        var section = portfolio.Sections.Single(s => s.Section == PortfolioSection.Conferences);
        var conference = Assert.Single(section.Items);

        Assert.Equal($"event:{item.Slug}", conference.Key);
        Assert.Equal("SMACC 2026", conference.Title);
        Assert.Equal($"/Hashtags/Events/{item.Slug}", conference.Link);
        Assert.Equal(new DateTime(2026, 9, 2, 4, 0, 0, DateTimeKind.Utc), conference.Date);
        Assert.Equal(4, conference.FigureValue("posts"));
        Assert.Equal(3, conference.FigureValue("postsDuring"));
        // Four posts × 100 followers (her snapshot nearest the window's end, 5 September 04:00 UTC).
        Assert.Equal(400, conference.FigureValue("impressions"));
        Assert.Equal("#smacc26, #smaccdub", conference.DetailValue("Hashtags"));
        Assert.Equal("SMACC 2026, 2026-09-02 to 2026-09-03 (America/Toronto)", conference.DetailValue("Event"));
        Assert.Equal("Bluesky", conference.DetailValue("Platforms"));
        Assert.All(conference.Figures, f => Assert.Equal($"/Hashtags/Events/{item.Slug}", f.Provenance.Link));
        Assert.DoesNotContain(portfolio.VisibleItems, i => i.Key.StartsWith("hashtag:", StringComparison.Ordinal));
        Assert.Equal(1, section.Totals.Single(t => t.Key == "conferences").Value);

        // The same figures as the event's own report (the Hashtags capability's definitions, not a copy of them).
        var report = (await scope.ServiceProvider.GetRequiredService<HashtagAnalytics>().EventReportAsync(item.Id, top: 100))!;
        var account = await AccountAsync(store, fixture.AdaId);
        Assert.Equal(conference.FigureValue("postsDuring"), report.During.TopByPosts.Single(a => a.AccountId == account).Posts);
        Assert.Equal(conference.FigureValue("posts"), report.Split.Before.Posts + report.Split.During.Posts + report.Split.After.Posts);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_event_the_person_did_not_post_in_during_its_window_or_outside_the_period_is_not_listed(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        await using var scope = store.Scope();
        var catalog = scope.ServiceProvider.GetRequiredService<EventCatalog>();
        await catalog.CreateAsync(new EventInput("SMACC 2027", null, new DateOnly(2027, 9, 2), new DateOnly(2027, 9, 3), "UTC", "SMACC26", DaysBefore: 0, DaysAfter: 0), "organiser");
        var builder = scope.ServiceProvider.GetRequiredService<PortfolioBuilder>();

        var portfolio = (await builder.ForViewerAsync(fixture.AdaSlug, PortfolioViewer.CommandLine))!;
        // The tag belongs to a registered event, so it is not inferred either: she took part in no event.
        Assert.Empty(portfolio.Sections.Single(s => s.Section == PortfolioSection.Conferences).Items);

        var smacc = await catalog.CreateAsync(new EventInput("SMACC 2026", null, new DateOnly(2026, 9, 2), new DateOnly(2026, 9, 3), "UTC", "SMACC26"), "organiser");
        var before = (await builder.ForViewerAsync(fixture.AdaSlug, PortfolioViewer.CommandLine, to: new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc)))!;
        Assert.Empty(before.Sections.Single(s => s.Section == PortfolioSection.Conferences).Items);
        var during = (await builder.ForViewerAsync(fixture.AdaSlug, PortfolioViewer.CommandLine, from: new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc)))!;
        Assert.Equal([$"event:{smacc.Slug}"], during.Sections.Single(s => s.Section == PortfolioSection.Conferences).Items.Select(i => i.Key));
    }

    private static async Task<long> AccountAsync(TestStore store, long personId)
    {
        await using var db = store.NewDb();
        return await db.Accounts.Where(a => a.PersonId == personId).Select(a => a.Id).FirstAsync();
    }

    private static async Task AddPostsAsync(TestStore store, long personId, params (DateTime At, string Tag)[] posts)
    {
        await using var db = store.NewDb();
        var account = await db.Accounts.FirstAsync(a => a.PersonId == personId);
        foreach (var (at, tag) in posts)
        {
            var post = new Post { Platform = account.Platform, ExternalId = $"extra-{Guid.NewGuid():N}", AuthorId = account.Id, Kind = PostKind.Original, Text = "#" + tag, CreatedAt = at };
            post.Hashtags.Add(new PostHashtag { Tag = PostHashtag.Normalize(tag), CreatedAt = at, AuthorId = account.Id });
            db.Posts.Add(post);
        }

        await db.SaveChangesAsync();
    }
}
