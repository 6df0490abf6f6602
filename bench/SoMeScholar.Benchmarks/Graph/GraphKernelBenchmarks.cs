using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SoMeScholar.Graph;
using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Communities;
using SoMeScholar.Graph.Components;
using SoMeScholar.Graph.IO;

namespace SoMeScholar.Benchmarks.Graph;

/// <summary>
/// In-process timings of the graph kernels on the shared scale-free graphs (directed, mean out-degree 10), for tuning;
/// the whole-process comparison with peers is `graph-peers`. Run: ./bench.sh --filter '*GraphKernel*'.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class GraphKernelBenchmarks
{
    /// <summary>
    /// Runs in process: BenchmarkDotNet's generated project cannot restore on this NuGet mirror (see
    /// ProfessionalismBenchmarks on main).
    /// </summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    }

    private CsrGraph _graph = null!;
    private string _file = "";

    [Params("sf-1000", "sf-10000")]
    public string Graph { get; set; } = "sf-1000";

    [GlobalSetup]
    public void Setup()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "graphs", Graph + ".edges.gz");
            if (File.Exists(candidate))
            {
                _file = candidate;
                break;
            }
        }

        _graph = EdgeListReader.Read(_file);
    }

    [Benchmark]
    public CsrGraph LoadEdgeList() => EdgeListReader.Read(_file);

    [Benchmark]
    public NodeScores PageRankNetworkX() => PageRank.Compute(_graph);

    [Benchmark]
    public NodeScores Eigenvector() => EigenvectorCentrality.Compute(_graph, new EigenvectorOptions { MaxIterations = 1000 });

    [Benchmark]
    public NodeScores Closeness() => SoMeScholar.Graph.Centrality.Closeness.Compute(_graph);

    [Benchmark]
    public NodeScores BetweennessSampled() => ApproximateBetweenness.Compute(_graph, new ApproximateBetweennessOptions { Epsilon = 0.05 });

    [Benchmark]
    public CommunityAssignment Louvain() => SoMeScholar.Graph.Communities.Louvain.Compute(_graph);

    [Benchmark]
    public ComponentAssignment StronglyConnected() => StronglyConnectedComponents.Compute(_graph);
}
