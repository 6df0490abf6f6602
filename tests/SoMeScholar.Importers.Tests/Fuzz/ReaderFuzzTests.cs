using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoMeScholar.Importers.Bluesky;
using SoMeScholar.Importers.Bluesky.Car;
using SoMeScholar.Importers.Csv;
using SoMeScholar.Importers.Mastodon;
using SoMeScholar.Importers.Tests.Bluesky;
using SoMeScholar.Importers.X;
using SoMeScholar.Testing;

namespace SoMeScholar.Importers.Tests.Fuzz;

/// <summary>
/// Mutates the real fixtures (truncation, byte flips, field deletion, type changes, garbage lines) with a fixed seed
/// and checks the readers' promise: no exception escapes, every bad record is a rejection with a position, and every
/// record the unmutated input gave for the other lines still comes out unchanged.
/// </summary>
public class ReaderFuzzTests
{
    private const int Seed = 20_260_301;

    private static readonly (string Fixture, IImportReader Reader, int Cases)[] LineSources =
    [
        ("bluesky/jetstream/expected_v1.jsonl", new JetstreamReader(), 400),
        ("bluesky/jetstream/golden_v1.jsonl", new JetstreamReader(), 150),
        ("twitter/v1.1/original_format_examples.jsonl", new XV1Reader(), 200),
        ("twitter/v2/streaming_output_with_error.jsonl", new XApiV2Reader(), 120),
        ("mastodon/streaming-hashtag-events.ndjson", new MastodonStreamingReader(), 120),
        ("twitter/v2/tweets_compliance.jsonl", new XComplianceReader(users: false), 30),
    ];

    [Fact]
    public void Mutated_JSON_lines_never_throw_reject_with_positions_and_keep_every_other_line()
    {
        var random = new Random(Seed);
        var cases = 0;
        foreach (var (fixture, reader, count) in LineSources)
        {
            var lines = Split(File.ReadAllBytes(SharedFiles.Fixture(fixture)));
            var originalRecords = Read.Bytes(reader, Join(lines));
            var original = ByLine(originalRecords);
            var rejectedBefore = originalRecords.OfType<RejectedRecord>().Select(r => r.Position.Line).ToHashSet();
            for (var i = 0; i < count; i++)
            {
                var target = random.Next(lines.Count);
                var (mutated, how) = Mutate(lines[target], random);
                var copy = new List<byte[]>(lines) { [target] = mutated };
                var label = $"{fixture} case {i} line {target + 1} ({how})";

                List<ImportRecord> records;
                try
                {
                    records = Read.Bytes(reader, Join(copy));
                }
                catch (Exception exception)
                {
                    Assert.Fail($"{label}: {exception.GetType().Name}: {exception.Message}");
                    throw;
                }

                foreach (var rejected in records.OfType<RejectedRecord>())
                {
                    Assert.True(rejected.Position.Line is not null && rejected.Position.ByteOffset is not null, $"{label}: a rejection without a position");
                    Assert.False(string.IsNullOrWhiteSpace(rejected.Reason), label);
                    Assert.True(rejected.Position.Line == target + 1 || rejectedBefore.Contains(rejected.Position.Line), $"{label}: rejection on line {rejected.Position.Line}");
                }

                var mutatedLines = ByLine(records);
                foreach (var (line, expected) in original)
                {
                    if (line != target + 1)
                    {
                        Assert.True(mutatedLines.TryGetValue(line, out var actual) && actual.SequenceEqual(expected), $"{label}: line {line} changed");
                    }
                }

                cases++;
            }
        }

        Assert.True(cases >= 1000, $"only {cases} cases");
    }

    [Fact]
    public void Mutated_documents_never_throw_and_keep_the_elements_before_the_damage()
    {
        var random = new Random(Seed + 1);
        var sources = new (string Name, IImportReader Reader, byte[] Bytes)[]
        {
            ("mastodon status", new MastodonApiReader(), File.ReadAllBytes(SharedFiles.Fixture("mastodon/status-example.json"))),
            ("mastodon array", new MastodonApiReader(), Encoding.UTF8.GetBytes("[\n" + string.Join(",\n", Enumerable.Range(1, 8).Select(i => Live.Payloads.MastodonStatus(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))) + "\n]")),
            ("x v2 page", new XApiV2Reader(), File.ReadAllBytes(SharedFiles.Fixture("twitter/v2/quoted_edit.jsonl"))),
            ("csv", new CsvRecordReader(), Encoding.UTF8.GetBytes("id,author,created_at,text,hashtags\n" + string.Join("\n", Enumerable.Range(1, 12).Select(i => $"{i},user{i},2026-01-0{1 + (i % 9)}T00:00:00Z,\"post {i}, with comma\",MedEd FOAMed")))),
        };
        var cases = 0;
        foreach (var (name, reader, bytes) in sources)
        {
            var original = Read.Bytes(reader, bytes).Where(r => r is not RejectedRecord).ToList();
            for (var i = 0; i < 60; i++)
            {
                var damaged = (byte[])bytes.Clone();
                var at = random.Next(damaged.Length);
                var how = random.Next(3);
                if (how == 0)
                {
                    damaged = damaged[..at];
                }
                else if (how == 1)
                {
                    damaged[at] = (byte)random.Next(256);
                }
                else
                {
                    damaged = [.. damaged[..at], .. "\"}]{\xFF"u8.ToArray(), .. damaged[at..]];
                }

                var label = $"{name} case {i} ({(how == 0 ? "truncated" : how == 1 ? "byte flip" : "garbage")} at {at})";
                var records = Read.Bytes(reader, damaged);
                Assert.All(records.OfType<RejectedRecord>(), r => Assert.True(r.Position.ByteOffset is not null || r.Position.Line is not null, label));
                foreach (var kept in original.Where(r => r.Position.ByteOffset + 2 < at && Ends(r, original, bytes) < at))
                {
                    Assert.True(records.Any(r => Describe(r) == Describe(kept)), $"{label}: lost {Describe(kept)}");
                }

                cases++;
            }
        }

        Assert.Equal(240, cases);
    }

    [Fact]
    public void Mutated_CAR_files_never_throw_and_every_rejection_has_a_byte_offset()
    {
        var random = new Random(Seed + 2);
        var commit = CarWriter.Encode(new Dictionary<string, object?> { ["did"] = "did:plc:fuzz", ["version"] = 3, ["data"] = null });
        var records = Enumerable.Range(0, 6).Select(i => CarWriter.Encode(new Dictionary<string, object?> { ["$type"] = "app.bsky.feed.post", ["text"] = $"post {i} #MedEd", ["createdAt"] = "2026-01-01T00:00:00Z" })).ToList();
        var node = CarWriter.MstNode(null, records.Select((r, i) => ($"app.bsky.feed.post/3kpost{i}", CarWriter.CidOf(r), (Cid?)null)));
        commit = CarWriter.Encode(new Dictionary<string, object?> { ["did"] = "did:plc:fuzz", ["version"] = 3, ["data"] = new Link(CarWriter.CidOf(node)), ["rev"] = "3krev", ["prev"] = null });
        var car = CarWriter.Car(CarWriter.CidOf(commit), [commit, node, .. records]);
        Assert.Equal(6, Read.Bytes(new BlueskyCarReader(), car).OfType<ImportedPost>().Count);

        for (var i = 0; i < 120; i++)
        {
            var damaged = (byte[])car.Clone();
            var at = random.Next(damaged.Length);
            if (i % 2 == 0)
            {
                damaged = damaged[..at];
            }
            else
            {
                damaged[at] ^= (byte)(1 + random.Next(255));
            }

            var output = Read.Bytes(new BlueskyCarReader(), damaged);
            Assert.All(output.OfType<RejectedRecord>(), r => Assert.NotNull(r.Position.ByteOffset));
            Assert.True(output.OfType<ImportedPost>().Count <= 6, $"case {i}");
        }
    }

    private static long Ends(ImportRecord record, List<ImportRecord> all, byte[] bytes)
    {
        var next = all.Select(r => r.Position.ByteOffset ?? 0).Where(o => o > record.Position.ByteOffset).DefaultIfEmpty(bytes.Length).Min();
        return next;
    }

    private static List<byte[]> Split(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == '\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 1;
            }
        }

        return lines;
    }

    private static byte[] Join(List<byte[]> lines)
    {
        var output = new List<byte>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                output.Add((byte)'\n');
            }

            output.AddRange(lines[i]);
        }

        return [.. output];
    }

    /// <summary>One mutation of a JSON line (as bytes, so invalid UTF-8 reaches the reader), and its name.</summary>
    private static (byte[] Line, string How) Mutate(byte[] bytes, Random random)
    {
        var line = Encoding.UTF8.GetString(bytes);
        switch (random.Next(6))
        {
            case 0:
                return (bytes[..random.Next(Math.Max(1, bytes.Length))], "truncation");
            case 1:
                {
                    var flipped = (byte[])bytes.Clone();
                    if (flipped.Length == 0)
                    {
                        return ([0xFF], "byte flip");
                    }

                    flipped[random.Next(flipped.Length)] = new byte[] { (byte)'"', (byte)'{', (byte)'}', (byte)',', (byte)':', 0xFF, 0xC3, (byte)'\\', (byte)'x', (byte)'1' }[random.Next(10)];
                    return (flipped, "byte flip");
                }

            case 2 or 3:
                {
                    JsonNode? root;
                    try
                    {
                        root = JsonNode.Parse(line);
                    }
                    catch (JsonException)
                    {
                        return ([.. bytes, (byte)'}'], "garbage");
                    }

                    var objects = new List<JsonObject>();
                    Collect(root, objects);
                    if (objects.Count == 0)
                    {
                        return ("{"u8.ToArray(), "garbage");
                    }

                    var target = objects[random.Next(objects.Count)];
                    var names = target.Select(p => p.Key).ToList();
                    if (names.Count == 0)
                    {
                        return (bytes, "no-op");
                    }

                    var name = names[random.Next(names.Count)];
                    if (random.Next(2) == 0)
                    {
                        target.Remove(name);
                        return (Encoding.UTF8.GetBytes(root!.ToJsonString()), "field deletion " + name);
                    }

                    target[name] = random.Next(5) switch
                    {
                        0 => JsonValue.Create(12345),
                        1 => JsonValue.Create("text"),
                        2 => new JsonArray(JsonValue.Create(1)),
                        3 => new JsonObject { ["x"] = 1 },
                        _ => null,
                    };
                    return (Encoding.UTF8.GetBytes(root!.ToJsonString()), "type change " + name);
                }

            case 4:
                return (Encoding.UTF8.GetBytes("this is not json at all " + random.Next()), "garbage line");
            default:
                return (Encoding.UTF8.GetBytes("{\"deep\":" + new string('[', 200) + new string(']', 200) + "}"), "nesting");
        }
    }

    private static void Collect(JsonNode? node, List<JsonObject> objects)
    {
        switch (node)
        {
            case JsonObject obj:
                objects.Add(obj);
                foreach (var (_, child) in obj)
                {
                    Collect(child, objects);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, objects);
                }

                break;
        }
    }

    private static Dictionary<long, List<string>> ByLine(IEnumerable<ImportRecord> records) =>
        records.Where(r => r is not RejectedRecord).GroupBy(r => r.Position.Line ?? 0).ToDictionary(g => g.Key, g => g.Select(Describe).ToList());

    private static string Describe(ImportRecord record) => record switch
    {
        ImportedPost p => $"post {p.ExternalId} {p.Kind} {p.CreatedAt:O} {p.Text.Length} [{string.Join(',', p.Hashtags)}] [{string.Join(',', p.Mentions)}] [{string.Join(',', p.Links)}] {p.ReplyToExternalId} {p.QuoteOfExternalId} {p.RepostOfExternalId}",
        ImportedInteraction i => $"edge {i.Kind} {i.NaturalKey} {i.TargetExternalId} {i.OccurredAt:O}",
        ImportedAccount a => $"account {a.ExternalId} {a.Handle} {a.Counts}",
        ImportedDeletion d => $"deletion {d.ExternalId} {d.Target}",
        ImportedAccountStatus s => $"status {s.ExternalId} {s.Status} {s.Handle}",
        _ => record.GetType().Name,
    };
}
