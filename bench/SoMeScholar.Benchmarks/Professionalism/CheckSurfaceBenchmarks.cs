using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Benchmarks.Professionalism;

/// <summary>
/// What the surfaces add on top of the engine: the report the API and <c>somescholar check --format json</c> return
/// (findings, highlight segments, suggested rewrite), de-identification mode (a second pass), and administrators'
/// allowed terms (every occurrence is looked up in the text). Run with <c>./bench.sh --filter '*CheckSurface*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class CheckSurfaceBenchmarks
{
    /// <summary>In process, for the reason given on <see cref="ProfessionalismBenchmarks"/>.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    }

    private string _transcript = "";
    private ProfessionalismSettings _allowing = null!;

    [GlobalSetup]
    public void Setup()
    {
        _transcript = ProfessionalismBenchmarks.Transcript(10_000, seed: 42);
        _allowing = new ProfessionalismSettings();
        // 200 allowed phrases, as a large site might list its own hospitals, units and eponyms.
        for (var i = 0; i < 200; i++)
        {
            _allowing.AllowedTerms.Add($"Memorial Unit {i}");
        }

        _allowing.AllowedTerms.Add("St. Mary's");
        ProfessionalismChecker.Check("warm up the word lists");
    }

    [Benchmark(Description = "API report of a 280-character post")]
    public CheckReport ReportPost() => ProfessionalismService.Report(ProfessionalismBenchmarks.Post, CheckMode.Check);

    [Benchmark(Description = "API report of a post, de-identify mode")]
    public CheckReport ReportPostDeidentify() => ProfessionalismService.Report(ProfessionalismBenchmarks.Post, CheckMode.Deidentify);

    [Benchmark(Description = "Check a 10,000-word transcript with 201 allowed terms")]
    public CheckResult CheckTranscriptWithAllowedTerms() => ProfessionalismService.Check(_transcript, _allowing);
}
