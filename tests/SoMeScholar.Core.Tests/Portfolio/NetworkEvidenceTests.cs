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
        Assert.Equal(1, item.FigureValue("betweennessCommunityRank"));
        Assert.Equal("Betweenness rank within community 1 (of 3)", item.Figures.Single(f => f.Key == "betweennessCommunityRank").Label);
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
}
