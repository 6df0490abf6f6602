using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SoMeScholar.Core.Mentors.Recommendation;

namespace SoMeScholar.Benchmarks.Mentors;

/// <summary>
/// One recommendation request over the scale (100,000 accounts, 5,000 mentors), index warm.
/// Run with <c>./bench.sh --filter '*MentorScorer*'</c>; <c>./bench.sh mentors-latency</c> prints percentiles.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class MentorScorerBenchmarks
{
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    }

    private MentorIndex _index = null!;
    private MentorAvailability[] _availability = [];
    private MentorQuery[] _queries = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var network = SyntheticMentorNetwork.Generate(100_000, 5_000, 20_261_121);
        _index = network.BuildIndex();
        _availability = network.Availability(1);
        var random = new Random(2);
        _queries = Enumerable.Range(0, 256).Select(_ => network.Query(random)).ToArray();
    }

    [Benchmark(Description = "Recommend 10 mentors (100k accounts, 5k mentors)")]
    public int Recommend() => MentorScorer.Recommend(_index, _queries[_next++ & 255], RecommenderWeights.Default, _availability, 10).Count;
}
