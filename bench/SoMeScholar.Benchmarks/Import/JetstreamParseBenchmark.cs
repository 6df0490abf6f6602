using BenchmarkDotNet.Attributes;
using SoMeScholar.Importers;
using SoMeScholar.Importers.Bluesky;

namespace SoMeScholar.Benchmarks.Import;

/// <summary>
/// Events per second of the Jetstream reader on generated lines (<see cref="JetstreamSynth"/>, seed 42): all posts
/// with hashtag facets, and the default mix of posts, follows, reposts and likes. Each operation is one event, so
/// BenchmarkDotNet's Op/s column is events/s. Run: <c>./bench.sh --filter *JetstreamParse*</c>.
/// </summary>
[MemoryDiagnoser]
public class JetstreamParseBenchmark
{
    private const int Events = 100_000;
    private byte[] _posts = [];
    private byte[] _mixed = [];

    [GlobalSetup]
    public void Setup()
    {
        _posts = Generate(new JetstreamSynthOptions { PostShare = 1, FollowShare = 0, RepostShare = 0 });
        _mixed = Generate(new JetstreamSynthOptions());
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long PostsOnly() => Parse(_posts);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Mixed() => Parse(_mixed);

    private static byte[] Generate(JetstreamSynthOptions options)
    {
        using var synth = new JetstreamSynth(42, options);
        using var buffer = new MemoryStream();
        synth.WriteTo(buffer, Events);
        return buffer.ToArray();
    }

    private static long Parse(byte[] lines)
    {
        using var stream = new MemoryStream(lines, writable: false);
        long records = 0;
        foreach (var record in new JetstreamReader().Read(stream, "bench", ReadOptions.Default))
        {
            if (record is not RejectedRecord)
            {
                records++;
            }
        }

        return records;
    }
}
