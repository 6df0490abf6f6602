using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SoMeScholar.Core.Research;

namespace SoMeScholar.Benchmarks.Research;

/// <summary>
/// The analysis behind the workbench and the agreement page, on a large study: inter-coder agreement (NVivo's coding
/// comparison by character) for one code in a 100,000-character transcript with 400 spans per coder, a whole study's
/// agreement rows (40 codes × 20 transcripts of 50,000 characters), and the co-occurrence matrix of 40 codes over
/// 16,000 codings. The workbench redraws the matrix after every coding, so it must stay well under a second.
/// Run with <c>./bench.sh --filter '*ResearchBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ResearchBenchmarks
{
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    }

    private string _long = "";
    private List<TextSpan> _a = [];
    private List<TextSpan> _b = [];
    private string[] _transcripts = [];
    private readonly List<(long Transcript, long Code, long Coder, TextSpan Span)> _codings = [];
    private CodeHeader[] _codes = [];
    private Dictionary<long, int> _lengths = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261121);
        _codings.Clear();
        _long = Text(100_000, random);
        (_a, _b) = (Spans(random, _long.Length, 400), Spans(random, _long.Length, 400));
        _transcripts = Enumerable.Range(0, 20).Select(_ => Text(50_000, random)).ToArray();
        _codes = Enumerable.Range(1, 40).Select(i => new CodeHeader(i, $"Code {i}", $"Code {i}", 0, "#0f6e8c")).ToArray();
        _lengths = Enumerable.Range(0, _transcripts.Length).ToDictionary(i => (long)i, i => _transcripts[i].Length);
        for (var i = 0; i < 16_000; i++)
        {
            var transcript = random.Next(_transcripts.Length);
            var start = random.Next(_transcripts[transcript].Length - 400);
            _codings.Add((transcript, random.Next(1, 41), random.Next(2), new TextSpan(start, start + random.Next(20, 400))));
        }
    }

    [Benchmark(Description = "Agreement: one code, 100,000 characters, 2 × 400 spans")]
    public AgreementCounts OneComparison() => CodingComparison.Compare(_long, _a, _b);

    [Benchmark(Description = "Agreement: 40 codes × 20 transcripts of 50,000 characters")]
    public AgreementCounts StudyAgreement()
    {
        var total = AgreementCounts.Empty;
        foreach (var group in _codings.GroupBy(c => (c.Transcript, c.Code)))
        {
            var text = _transcripts[group.Key.Transcript];
            total += CodingComparison.Compare(text, group.Where(c => c.Coder == 0).Select(c => c.Span), group.Where(c => c.Coder == 1).Select(c => c.Span));
        }

        return total;
    }

    [Benchmark(Description = "Co-occurrence: 40 codes, 16,000 codings")]
    public CooccurrenceMatrix Cooccurrence() => Analysis.Cooccurrence(_codes, _codings.Select(c => (c.Transcript, c.Code, c.Span)), _lengths, null);

    private static string Text(int length, Random random)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(7) == 0 ? ' ' : (char)('a' + random.Next(26));
        }

        return new string(chars);
    }

    private static List<TextSpan> Spans(Random random, int length, int count) => Enumerable.Range(0, count).Select(_ =>
    {
        var start = random.Next(length - 500);
        return new TextSpan(start, start + random.Next(20, 500));
    }).ToList();
}
