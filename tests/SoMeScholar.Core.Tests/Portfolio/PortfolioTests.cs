using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Testing;
using SoMeScholar.Testing.Portfolio;

namespace SoMeScholar.Core.Tests.Portfolio;

public class PortfolioTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_portfolio_gathers_resources_reviews_given_and_conferences_and_every_figure_names_its_source(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        await using var scope = store.Scope();
        var portfolio = await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().ForViewerAsync(fixture.AdaSlug, PortfolioViewer.CommandLine);

        Assert.NotNull(portfolio);
        var items = portfolio.VisibleItems.ToDictionary(i => i.Key);
        var airway = items[$"resource:{fixture.AirwayId}"];
        Assert.Equal(1, airway.FigureValue("reviews"));
        Assert.Equal(1, airway.FigureValue("memberEndorsements"));
        Assert.Equal(1, airway.FigureValue("archivedSnapshots"));
        Assert.Equal(2, airway.FigureValue("posts"));
        Assert.Equal(1, airway.FigureValue("reposts"));
        // Bo: 2 posts × 200 followers; Ada: 1 repost × 100 (her snapshot nearest the last activity).
        Assert.Equal(500, airway.FigureValue("impressions"));
        Assert.Equal(1, airway.FigureValue("uptakeReports"));
        Assert.Equal(40, airway.FigureValue("uptakeAudience"));
        Assert.Equal("1 of 2", airway.DetailValue("Author position"));
        Assert.Equal("CC BY 4.0", airway.DetailValue("Licence"));

        var review = items[$"review:{fixture.AdaReviewId}"];
        Assert.Equal(PortfolioSection.PeerReview, review.Section);
        Assert.Equal(7, review.FigureValue("total"));
        Assert.DoesNotContain(items.Keys, k => k == $"resource:{fixture.SepsisId}");

        // No event is registered in the fixture: #SMACC26 is inferred from its year, and says so.
        var conference = items["hashtag:smacc26"];
        Assert.Equal(3, conference.FigureValue("posts"));
        Assert.Equal(300, conference.FigureValue("impressions"));
        Assert.Equal(ConferenceEvidence.InferredNote, conference.DetailValue("Source"));
        Assert.Contains("inferred", conference.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(items.Keys, k => k.EndsWith(":meded", StringComparison.Ordinal));

        var discussion = Assert.Single(items.Values, i => i.Kind == "discussion");
        Assert.Equal(2, discussion.FigureValue("comments"));
        Assert.Equal(1, discussion.FigureValue("replies"));
        Assert.Equal(1, discussion.FigureValue("reactions"));
        Assert.StartsWith("/Discussions/Thread/", discussion.Link, StringComparison.Ordinal);
        var mentee = Assert.Single(items.Values, i => i.Kind == "mentee");
        Assert.Equal(PortfolioFixture.Day.AddDays(1), mentee.Date);

        Assert.All(portfolio.VisibleItems.SelectMany(i => i.Figures), f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Provenance.Source));
            Assert.False(string.IsNullOrWhiteSpace(f.Provenance.Records));
            Assert.Equal(portfolio.ComputedAt, f.Provenance.ComputedAt);
        });
        Assert.Equal($"/Resources/{fixture.AirwayId}#impact", airway.Figures.Single(f => f.Key == "impressions").Provenance.Link);
        Assert.Equal(["attention", "reach", "uptake"], portfolio.Charts.Select(c => c.Key));
        Assert.Equal([3.0], portfolio.Charts.Single(c => c.Key == "attention").Series[0].Values.Select(v => v!.Value));
        Assert.Equal(portfolio.VisibleItems.Count(i => i.Date is not null), portfolio.Timeline.Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Others_see_only_the_sections_the_person_made_public(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        await using var scope = store.Scope();
        var builder = scope.ServiceProvider.GetRequiredService<PortfolioBuilder>();
        var owner = new PortfolioViewer(fixture.AdaUserId, fixture.AdaId, false);
        var stranger = new PortfolioViewer("someone-else", fixture.BoId, false);

        await Assert.ThrowsAsync<PortfolioAccessDeniedException>(() => builder.SetVisibilityAsync(stranger, fixture.AdaId, new HashSet<PortfolioSection> { PortfolioSection.PeerReview }));
        await builder.SetVisibilityAsync(owner, fixture.AdaId, new HashSet<PortfolioSection> { PortfolioSection.Resources });

        foreach (var viewer in new[] { PortfolioViewer.Guest, stranger })
        {
            var seen = (await builder.ForViewerAsync(fixture.AdaSlug, viewer))!;
            Assert.False(seen.CanManage);
            Assert.Equal([PortfolioSection.Resources], seen.Sections.Where(s => s.Visible).Select(s => s.Section));
            Assert.All(seen.Sections.Where(s => !s.Visible), s => Assert.Empty(s.Items));
            Assert.Empty(seen.Timeline);
            Assert.DoesNotContain(seen.Charts, c => c.Series.Any(s => s.Label == "Their conference posts" && s.Values.Any(v => v > 0)));
        }

        var own = (await builder.ForViewerAsync(fixture.AdaSlug, owner))!;
        Assert.True(own.CanManage);
        Assert.All(own.Sections, s => Assert.True(s.Visible));
        Assert.Contains(own.VisibleItems, i => i.Key == "hashtag:smacc26");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_dossier_maps_the_chosen_items_to_every_criterion_or_says_it_is_not_yet_met(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        await using var scope = store.Scope();
        var dossiers = scope.ServiceProvider.GetRequiredService<Dossiers>();
        var owner = new PortfolioViewer(fixture.AdaUserId, fixture.AdaId, false);
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var reviewOnly = await dossiers.CreateAsync(owner, fixture.AdaId, new DossierInput("Service", from, to, "I **review**.", false, [$"review:{fixture.AdaReviewId}"]));
        var service = await dossiers.AssembleAsync(await dossiers.GetAsync(owner, reviewOnly.Id));
        Assert.Equal(DossierCriteria.All.Select(c => c.Id), service.Criteria.Select(c => c.Id));
        Assert.Equal(10, service.Criteria.Count(c => c.Framework == DossierCriteria.SherbinoFramework));
        Assert.Equal(DossierCriteria.NotYetMet, service.Criteria.Single(c => c.Id == "sherbino-original").Status);
        Assert.Equal("met", service.Criteria.Single(c => c.Id == "husain-peer-review").Status);
        Assert.Single(service.Items);

        var everything = await dossiers.CreateAsync(owner, fixture.AdaId, new DossierInput("All", from, to, null, true, []));
        var full = await dossiers.AssembleAsync(await dossiers.GetAsync(owner, everything.Id));
        Assert.Equal(5, full.Items.Count);
        var original = full.Criteria.Single(c => c.Id == "sherbino-original");
        Assert.Equal("met", original.Status);
        Assert.Equal($"resource:{fixture.AirwayId}", Assert.Single(original.Evidence).ItemKey);
        Assert.Equal("met", full.Criteria.Single(c => c.Id == "husain-criteria").Status);
        Assert.Contains(full.Criteria.Single(c => c.Id == "sherbino-comment").Evidence, e => e.ItemKey.StartsWith("discussion:", StringComparison.Ordinal));
        Assert.Contains(full.Criteria.Single(c => c.Id == "sherbino-champion").Evidence, e => e.ItemKey.StartsWith("mentee:", StringComparison.Ordinal));
        Assert.Equal("be original", original.Wording);
        Assert.Equal(full.Criteria.Count, full.Summary.Count);
        Assert.NotNull(full.DataAsOf);

        var earlier = await dossiers.CreateAsync(owner, fixture.AdaId, new DossierInput("Before", from, PortfolioFixture.Day.AddDays(-30), null, true, []));
        var empty = await dossiers.AssembleAsync(await dossiers.GetAsync(owner, earlier.Id));
        Assert.Empty(empty.Items);
        Assert.All(empty.Criteria, c => Assert.Equal(DossierCriteria.NotYetMet, c.Status));

        await Assert.ThrowsAsync<PortfolioAccessDeniedException>(() => dossiers.GetAsync(new PortfolioViewer("other", fixture.BoId, false), everything.Id));
        await Assert.ThrowsAsync<PortfolioRuleException>(() => dossiers.CreateAsync(owner, fixture.AdaId, new DossierInput("Backwards", to, from, null, true, [])));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_share_link_opens_the_dossier_until_it_expires_or_is_revoked(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        await using var scope = store.Scope();
        var dossiers = scope.ServiceProvider.GetRequiredService<Dossiers>();
        var owner = new PortfolioViewer(fixture.AdaUserId, fixture.AdaId, false);
        var dossier = await dossiers.CreateAsync(owner, fixture.AdaId, new DossierInput("Shared", PortfolioFixture.Day.AddYears(-1), PortfolioFixture.Day.AddYears(1), null, true, []));

        var (kept, keptToken) = await dossiers.CreateShareLinkAsync(owner, dossier.Id, DateTime.UtcNow.AddDays(7));
        var (revoked, revokedToken) = await dossiers.CreateShareLinkAsync(owner, dossier.Id, DateTime.UtcNow.AddDays(7));
        var (expired, expiredToken) = await dossiers.CreateShareLinkAsync(owner, dossier.Id, DateTime.UtcNow.AddDays(7));
        await using (var db = store.NewDb())
        {
            Assert.DoesNotContain(await db.DossierShareLinks.Select(l => l.TokenHash).ToListAsync(), h => h == keptToken);
            var row = await db.DossierShareLinks.SingleAsync(l => l.Id == expired.Id);
            row.ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<PortfolioAccessDeniedException>(() => dossiers.RevokeShareLinkAsync(new PortfolioViewer("other", fixture.BoId, false), revoked.Id));
        await dossiers.RevokeShareLinkAsync(owner, revoked.Id);

        Assert.Equal(dossier.Id, (await dossiers.ResolveShareTokenAsync(keptToken))?.Id);
        Assert.Null(await dossiers.ResolveShareTokenAsync(revokedToken));
        Assert.Null(await dossiers.ResolveShareTokenAsync(expiredToken));
        Assert.Null(await dossiers.ResolveShareTokenAsync("not-a-token"));
        Assert.Equal([true, false, false], (await dossiers.ShareLinksAsync(owner, dossier.Id)).OrderBy(l => l.Id).Select(l => l.Active));
        await Assert.ThrowsAsync<PortfolioRuleException>(() => dossiers.CreateShareLinkAsync(owner, dossier.Id, DateTime.UtcNow.AddDays(-1)));
        Assert.Equal(kept.DossierId, dossier.Id);
    }

    [Fact]
    public async Task The_json_export_round_trips_with_its_schema_and_every_criterion()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var fixture = await PortfolioFixture.CreateAsync(store);
        await using var scope = store.Scope();
        var document = await scope.ServiceProvider.GetRequiredService<Dossiers>().AssembleForPeriodAsync(fixture.AdaSlug, PortfolioFixture.Day.AddYears(-1), PortfolioFixture.Day.AddYears(1), "Narrative");

        var json = DossierJson.Serialize(document!);
        var back = DossierJson.Deserialize(json)!;

        Assert.Equal("somescholar-dossier/1", back.Schema);
        Assert.Contains("\"schema\": \"somescholar-dossier/1\"", json, StringComparison.Ordinal);
        Assert.Equal(document!.Items.Select(i => i.Key), back.Items.Select(i => i.Key));
        Assert.Equal(DossierCriteria.All.Count, back.Criteria.Count);
        Assert.Equal(document.Items.SelectMany(i => i.Figures).Select(f => f.Display), back.Items.SelectMany(i => i.Figures).Select(f => f.Display));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<Dossiers>().AssembleForPeriodAsync("nobody-here", PortfolioFixture.Day, PortfolioFixture.Day.AddDays(1), null));
    }

    [Theory]
    [InlineData("SMACC19", true)]
    [InlineData("ICRE2014", true)]
    [InlineData("somedemo26", true)]
    [InlineData("#AEM_24", true)]
    [InlineData("MedEd", false)]
    [InlineData("FOAMed", false)]
    [InlineData("2024", false)]
    public void A_conference_hashtag_ends_in_a_year(string tag, bool conference) =>
        Assert.Equal(conference, ConferenceEvidence.IsConferenceTag(tag));
}
