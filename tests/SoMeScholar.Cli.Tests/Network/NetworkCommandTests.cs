using System.Text.Json;
using System.Xml.Linq;

namespace SoMeScholar.Cli.Tests.Network;

public class NetworkCommandTests
{
    /// <summary>A triangle a → b → c → a with a tail c → d → e. Directed shortest paths are unique; c lies on a→d, a→e,
    /// b→a, b→d and b→e (5 of (5−1)(5−2) = 12 ordered pairs), b and d on 3 each, a on c→b only, e on none.</summary>
    private const string Edges = "# tiny\na b\nb c\nc a\nc d\nd e\n";

    private static async Task<string> EdgeListAsync()
    {
        var folder = CliRunner.NewDataFolder();
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "tiny.txt");
        await File.WriteAllTextAsync(file, Edges);
        return file;
    }

    public static TheoryData<string> Commands => new() { "network", "network metrics", "network influencers", "network communities", "network export", "network list", "network recompute" };

    [Theory, MemberData(nameof(Commands))]
    public async Task Every_network_command_explains_itself_with_help(string command)
    {
        var result = await CliRunner.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_on_an_edge_list_print_a_node_column_then_one_column_per_measure()
    {
        var file = await EdgeListAsync();

        var result = await CliRunner.RunAsync(["network", "metrics", "--input", file, "--measures", "indegree,outdegree,betweenness"]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Trim().Split('\n');
        Assert.Equal("node,indegree,outdegree,betweenness", lines[0]);
        Assert.Equal(["a,1,1,0.08333333333333333", "b,1,1,0.25", "c,1,2,0.41666666666666663", "d,1,1,0.25", "e,1,0,0"], lines[1..]);
    }

    [Fact]
    public async Task Undirected_nodexl_betweenness_counts_each_unordered_pair_once_unnormalised()
    {
        var file = await EdgeListAsync();

        var result = await CliRunner.RunAsync(["network", "metrics", "--input", file, "--measures", "betweenness", "--preset", "nodexl", "--format", "json"]);

        Assert.Equal(0, result.ExitCode);
        var rows = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("node").GetString()!, r => r.GetProperty("betweenness").GetDouble());
        // Undirected: c separates {a, b} from {d, e} (4 pairs); d separates e from {a, b, c} (3 pairs).
        Assert.Equal(4, rows["c"], 9);
        Assert.Equal(3, rows["d"], 9);
        Assert.Equal(0, rows["a"], 9);
    }

    [Fact]
    public async Task Exports_are_GraphML_and_GEXF_with_the_measures_as_node_attributes()
    {
        var file = await EdgeListAsync();
        var folder = Path.GetDirectoryName(file)!;

        var graphml = await CliRunner.RunAsync(["network", "export", "--input", file, "--output", Path.Combine(folder, "tiny.graphml"), "--measures", "pagerank,community"]);
        var gexf = await CliRunner.RunAsync(["network", "export", "--input", file, "--format", "gexf", "--output", Path.Combine(folder, "tiny.gexf")]);

        Assert.Equal(0, graphml.ExitCode);
        Assert.Equal(0, gexf.ExitCode);
        var ml = XDocument.Load(Path.Combine(folder, "tiny.graphml"));
        XNamespace g = "http://graphml.graphdrawing.org/xmlns";
        Assert.Equal(5, ml.Descendants(g + "node").Count());
        Assert.Equal(5, ml.Descendants(g + "edge").Count());
        Assert.Contains(ml.Descendants(g + "key"), k => (string?)k.Attribute("attr.name") == "pagerank" && (string?)k.Attribute("for") == "node");
        var gx = XDocument.Load(Path.Combine(folder, "tiny.gexf"));
        XNamespace x = "http://gexf.net/1.3";
        Assert.Equal("1.3", (string?)gx.Root!.Attribute("version"));
        Assert.Equal(5, gx.Descendants(x + "node").Count());
        Assert.Contains(gx.Descendants(x + "attribute"), a => (string?)a.Attribute("title") == "betweenness");
    }

    [Fact]
    public async Task A_saved_analysis_is_listed_gives_influencers_and_communities_and_recomputes_identically()
    {
        var file = await EdgeListAsync();
        var data = CliRunner.NewDataFolder();

        var saved = await CliRunner.RunAsync(["--data", data, "network", "metrics", "--input", file, "--save", "--title", "Tiny", "--measures", "indegree,outdegree,betweenness,community"]);
        var list = await CliRunner.RunAsync(["--data", data, "network", "list", "--format", "json"]);
        var influencers = await CliRunner.RunAsync(["--data", data, "network", "influencers", "--analysis", "1", "-k", "2", "--measures", "outdegree,betweenness", "--format", "json"]);
        var communities = await CliRunner.RunAsync(["--data", data, "network", "communities", "--analysis", "1", "--format", "json"]);
        var recompute = await CliRunner.RunAsync(["--data", data, "network", "recompute", "1", "--format", "json"]);

        Assert.Equal(0, saved.ExitCode);
        Assert.StartsWith("node,indegree,outdegree,betweenness,community\n", saved.Output.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Stored as analysis 1", saved.Error, StringComparison.Ordinal);
        var row = JsonDocument.Parse(list.Output).RootElement[0];
        Assert.Equal("Tiny", row.GetProperty("title").GetString());
        Assert.Equal(5, row.GetProperty("nodeCount").GetInt32());
        Assert.Equal(0, influencers.ExitCode);
        var report = JsonDocument.Parse(influencers.Output).RootElement;
        // Out-degree: c 2, then a, b, d tied at 1 (id order keeps a). Betweenness: c, then b and d tied (id order keeps b).
        Assert.Equal(["c", "a"], report.GetProperty("lists")[0].GetProperty("top").EnumerateArray().Select(t => t.GetProperty("nodeId").GetString()));
        Assert.Equal(["c", "b"], report.GetProperty("lists")[1].GetProperty("top").EnumerateArray().Select(t => t.GetProperty("nodeId").GetString()));
        Assert.Equal(3, report.GetProperty("unionSize").GetInt32());
        Assert.Equal(1, report.GetProperty("intersectionSize").GetInt32());
        Assert.Equal(0, communities.ExitCode);
        Assert.Equal(5, JsonDocument.Parse(communities.Output).RootElement.GetProperty("nodes").GetArrayLength());
        Assert.Equal(0, recompute.ExitCode);
        Assert.True(JsonDocument.Parse(recompute.Output).RootElement.GetProperty("identical").GetBoolean());
    }

    [Fact]
    public async Task A_missing_input_file_is_one_line_and_exit_code_2()
    {
        var result = await CliRunner.RunAsync(["network", "metrics", "--input", Path.Combine(CliRunner.NewDataFolder(), "none.txt")]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
