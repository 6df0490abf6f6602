using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Network;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Testing;
using SoMeScholar.Testing.Portfolio;

namespace SoMeScholar.Core.Tests.Portfolio;

public class NetworkEvidenceTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_stored_analysis_of_the_persons_account_shows_its_in_degree_pagerank_and_betweenness_ranks_with_the_analysis_link(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        var computed = PortfolioFixture.Day.AddDays(3);
        var analysisId = await PortfolioNetwork.AddWithPersonAsync(store, fixture.AdaId, computed);
        await PortfolioNetwork.AddWithPersonAsync(store, fixture.AdaId, computed.AddDays(1), AnalysisStatus.Failed);
        await PortfolioNetwork.AddWithoutPersonAsync(store, computed.AddDays(2));
        await using var scope = store.Scope();
        var portfolio = (await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().ForViewerAsync(fixture.AdaSlug, PortfolioViewer.CommandLine))!;

        var section = portfolio.Sections.Single(s => s.Section == PortfolioSection.Network);
        var item = Assert.Single(section.Items);
        Assert.Equal($"network:{analysisId}:ada", item.Key);
        Assert.Equal($"/Network/Analysis/{analysisId}", item.Link);
        Assert.Equal(computed, item.Date);
        Assert.Equal(3, item.FigureValue("indegree"));
        Assert.Equal(2, item.FigureValue("indegreeRank"));
        Assert.Equal(0.4, item.FigureValue("pagerank"), 9);
        Assert.Equal(1, item.FigureValue("pagerankRank"));
        Assert.Equal(0.5, item.FigureValue("betweenness"), 9);
        Assert.Equal(2, item.FigureValue("betweennessRank"));
        Assert.DoesNotContain(item.Figures, f => f.Key.StartsWith("betweennessCommunityRank", StringComparison.Ordinal));
        Assert.Equal("In-degree rank of 4", item.Figures.Single(f => f.Key == "indegreeRank").Label);
        Assert.All(item.Figures, f =>
        {
            Assert.Equal("stored network analysis", f.Provenance.Source);
            Assert.Equal($"/Network/Analysis/{analysisId}", f.Provenance.Link);
            Assert.Contains($"analysis {analysisId} ", f.Provenance.Records, StringComparison.Ordinal);
            Assert.Contains($"computed {computed:yyyy-MM-dd HH:mm} UTC", f.Provenance.Records, StringComparison.Ordinal);
            Assert.Equal(portfolio.ComputedAt, f.Provenance.ComputedAt);
        });
        Assert.Equal(1, section.Totals.Single(t => t.Key == "analyses").Value);

        var rank = portfolio.Charts.Single(c => c.Key == "rank");
        Assert.Equal([computed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)], rank.Labels);
        Assert.Equal([1.0], rank.Series.Single().Values.Select(v => v!.Value));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<PortfolioCommunities>().ChosenAsync(fixture.AdaId));
        Assert.Contains(portfolio.Timeline, t => t.ItemKey == item.Key);

        var before = (await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().ForViewerAsync(fixture.AdaSlug, PortfolioViewer.CommandLine, to: computed))!;
        Assert.Empty(before.Sections.Single(s => s.Section == PortfolioSection.Network).Items);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Without_a_stored_analysis_of_the_persons_accounts_the_portfolio_has_no_network_item_and_no_rank_chart(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        await PortfolioNetwork.AddWithoutPersonAsync(store, PortfolioFixture.Day);
        await using var scope = store.Scope();
        var portfolio = (await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().ForViewerAsync(fixture.AdaSlug, PortfolioViewer.CommandLine))!;

        var section = portfolio.Sections.Single(s => s.Section == PortfolioSection.Network);
        Assert.True(section.Visible);
        Assert.Empty(section.Items);
        Assert.Equal(0, section.Totals.Single(t => t.Key == "analyses").Value);
        Assert.DoesNotContain(portfolio.VisibleItems, i => i.Kind == "network");
        Assert.DoesNotContain(portfolio.Charts, c => c.Key == "rank");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_person_chooses_the_communities_their_betweenness_rank_is_computed_within_and_each_shows_its_analysis(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fixture = await PortfolioFixture.CreateAsync(store);
        var computed = PortfolioFixture.Day.AddDays(3);
        var analysisId = await PortfolioNetwork.AddWithPersonAsync(store, fixture.AdaId, computed);
        var otherId = await PortfolioNetwork.AddWithoutPersonAsync(store, computed.AddDays(1));
        await using var scope = store.Scope();
        var communities = scope.ServiceProvider.GetRequiredService<PortfolioCommunities>();
        var owner = new PortfolioViewer(fixture.AdaUserId, fixture.AdaId, false);
        var stranger = new PortfolioViewer("someone-else", fixture.BoId, false);

        var options = await communities.OptionsAsync(fixture.AdaId);
        Assert.Equal([$"{analysisId}:louvain:1", $"{analysisId}:leiden:2"], options.Select(o => o.Key));
        Assert.Equal([3, 2], options.Select(o => o.Members));
        Assert.All(options, o => Assert.Equal(computed, o.CompletedAt));
        Assert.All(options, o => Assert.False(o.Chosen));

        await Assert.ThrowsAsync<PortfolioAccessDeniedException>(() => communities.SetAsync(stranger, fixture.AdaId, [$"{analysisId}:louvain:1"]));
        // Bo's community 2 and a community of an analysis she is not in are not hers to be ranked within.
        await Assert.ThrowsAsync<PortfolioRuleException>(() => communities.SetAsync(owner, fixture.AdaId, [$"{analysisId}:louvain:2"]));
        await Assert.ThrowsAsync<PortfolioRuleException>(() => communities.SetAsync(owner, fixture.AdaId, [$"{otherId}:louvain:1"]));
        await communities.SetAsync(owner, fixture.AdaId, [$"{analysisId}:louvain:1", $"{analysisId}:leiden:2"]);

        var portfolio = (await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().ForViewerAsync(fixture.AdaSlug, PortfolioViewer.Guest))!;
        Assert.Empty(portfolio.VisibleItems);
        portfolio = (await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().ForViewerAsync(fixture.AdaSlug, owner))!;
        var item = Assert.Single(portfolio.Sections.Single(s => s.Section == PortfolioSection.Network).Items);
        var louvain = item.Figures.Single(f => f.Key == "betweennessCommunityRank:louvain:1");
        Assert.Equal(1, louvain.Value);
        Assert.Equal("Betweenness rank within Louvain community 1 (of 3, chosen)", louvain.Label);
        var leiden = item.Figures.Single(f => f.Key == "betweennessCommunityRank:leiden:2");
        Assert.Equal(2, leiden.Value);
        Assert.Equal("Betweenness rank within Leiden community 2 (of 2, chosen)", leiden.Label);
        Assert.All(new[] { louvain, leiden }, f =>
        {
            Assert.Equal($"/Network/Analysis/{analysisId}", f.Provenance.Link);
            Assert.Contains($"computed {computed:yyyy-MM-dd HH:mm} UTC", f.Provenance.Records, StringComparison.Ordinal);
        });
        Assert.Equal(2, item.Details.Count(d => d.Label == "Chosen community"));
        Assert.Contains("betweenness rank 2 of 2 within Leiden community 2", item.Summary, StringComparison.Ordinal);

        var rank = portfolio.Charts.Single(c => c.Key == "rank");
        Assert.Equal(["Best PageRank rank", "Best betweenness rank within chosen communities"], rank.Series.Select(s => s.Label));
        Assert.Equal([1.0], rank.Series[1].Values.Select(v => v!.Value));

        await communities.SetAsync(owner, fixture.AdaId, [$"{analysisId}:leiden:2"]);
        Assert.Equal([$"{analysisId}:leiden:2"], (await communities.OptionsAsync(fixture.AdaId)).Where(o => o.Chosen).Select(o => o.Key));
        await using (var db = store.NewDb())
        {
            await db.NetworkAnalyses.Where(a => a.Id == analysisId).ExecuteDeleteAsync();
        }

        Assert.Empty(await communities.ChosenAsync(fixture.AdaId));
    }
}
