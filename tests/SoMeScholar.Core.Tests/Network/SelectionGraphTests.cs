using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Network;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Network;

public class SelectionGraphTests
{
    /// <summary>The graph's edges as "source→target×weight" with handles, sorted.</summary>
    private static List<string> Edges(SelectionGraph graph)
    {
        var g = graph.Graph;
        var edges = new List<string>();
        for (var v = 0; v < g.NodeCount; v++)
        {
            var targets = g.OutNeighbors(v);
            for (var i = 0; i < targets.Length; i++)
            {
                var weight = g.IsWeighted ? "×" + g.OutEdgeWeights(v)[i].ToString(CultureInfo.InvariantCulture) : "";
                edges.Add($"{graph.Labels[v]}→{graph.Labels[targets[i]]}{weight}");
            }
        }

        edges.Sort(StringComparer.Ordinal);
        return edges;
    }

    private static async Task<SelectionGraph> BuildAsync(TestStore store, GraphSelection selection)
    {
        await using var scope = store.Scope();
        return await scope.ServiceProvider.GetRequiredService<SelectionGraphBuilder>().BuildAsync(selection);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_default_selection_counts_mentions_replies_reposts_and_quotes_per_ordered_pair(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewDb())
        {
            await NetworkArchive.SeedAsync(db);
        }

        var graph = await BuildAsync(store, new GraphSelection());

        Assert.Equal(["ann→bob×2", "bob→cat×1", "dan→ann×1", "eve→ann×1"], Edges(graph));
        Assert.Equal(["did:ann", "did:bob", "did:cat", "did:dan", "eve@example.social"], graph.Graph.NodeIds);
        Assert.All(graph.AccountIds, id => Assert.NotNull(id));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Platforms_window_kinds_weight_accounts_and_hashtags_each_narrow_the_graph(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewDb())
        {
            await NetworkArchive.SeedAsync(db);
        }

        var march = NetworkArchive.March;
        Assert.Equal(["ann→bob×2", "bob→cat×1", "dan→ann×1"], Edges(await BuildAsync(store, new GraphSelection { Platforms = [Platform.Bluesky] })));
        Assert.Equal(["ann→bob×2", "bob→cat×1", "eve→ann×1"], Edges(await BuildAsync(store, new GraphSelection { From = march, To = march.AddMonths(1) })));
        Assert.Equal(["ann→cat×1", "cat→ann×1"], Edges(await BuildAsync(store, new GraphSelection { Kinds = [InteractionKind.Follow, InteractionKind.Like], From = march, To = march.AddMonths(1) })));
        Assert.Equal(["ann→bob×2"], Edges(await BuildAsync(store, new GraphSelection { MinWeight = 2 })));
        Assert.Equal(["ann→bob", "bob→cat", "dan→ann", "eve→ann"], Edges(await BuildAsync(store, new GraphSelection { Weighted = false })));

        var listed = await BuildAsync(store, new GraphSelection { Accounts = ["@ANN", "did:bob", "did:cat", "nobody"] });
        Assert.Equal(["ann→bob×2", "bob→cat×1"], Edges(listed));
        Assert.Equal(["nobody"], listed.UnmatchedAccounts);

        var tagged = await BuildAsync(store, new GraphSelection { Hashtags = ["#MedEd"], Kinds = [InteractionKind.Mention, InteractionKind.Reply, InteractionKind.Follow] });
        Assert.Equal(["ann→bob×1", "bob→cat×1", "cat→ann×1"], Edges(tagged));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_listed_account_without_edges_is_still_a_node(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewDb())
        {
            await NetworkArchive.SeedAsync(db);
        }

        var graph = await BuildAsync(store, new GraphSelection { Accounts = ["ann", "bob", "cat"], Kinds = [InteractionKind.Quote] });

        Assert.Equal(3, graph.Graph.NodeCount);
        Assert.Equal(0, graph.Graph.EdgeCount);
    }

    [Fact]
    public void The_stored_form_round_trips_ids_labels_accounts_weights_and_edge_kinds()
    {
        var builder = new SoMeScholar.Graph.GraphBuilder(directed: true);
        builder.AddEdge("a", "b", 2);
        builder.AddEdge("b", "c", 1);
        var graph = new SelectionGraph(builder.Build(), ["A", null, "C"], [1, null, 3], [GraphSelection.KindBit(InteractionKind.Mention), GraphSelection.KindBit(InteractionKind.Reply)]);

        var copy = SelectionGraph.Deserialize(graph.Serialize());

        Assert.Equal(SelectionGraph.Fingerprint(graph.Graph), SelectionGraph.Fingerprint(copy.Graph));
        Assert.Equal(graph.Labels, copy.Labels);
        Assert.Equal(graph.AccountIds, copy.AccountIds);
        Assert.Equal(graph.EdgeKinds, copy.EdgeKinds);
        Assert.Equal("Mentions", GraphSelection.Relationship(copy.EdgeKinds![0]));
    }

    [Fact]
    public void Selections_normalise_so_equal_selections_serialise_equally()
    {
        var a = new GraphSelection { Hashtags = ["#MedEd", "foam"], Platforms = [Platform.Mastodon, Platform.Bluesky], Kinds = [InteractionKind.Reply, InteractionKind.Mention] };
        var b = new GraphSelection { Hashtags = ["FOAM", "meded", "meded"], Platforms = [Platform.Bluesky, Platform.Mastodon], Kinds = [InteractionKind.Mention, InteractionKind.Reply] };

        Assert.Equal(a.ToJson(), b.ToJson());
        Assert.Equal(a.ToJson(), GraphSelection.FromJson(a.ToJson()).ToJson());
        Assert.Throws<ArgumentException>(() => new GraphSelection { From = NetworkArchive.March, To = NetworkArchive.March }.Validate());
    }
}
