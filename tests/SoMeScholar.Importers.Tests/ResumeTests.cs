using SoMeScholar.Importers.Bluesky;
using SoMeScholar.Importers.Detection;
using SoMeScholar.Importers.Tests.X;
using SoMeScholar.Testing;

namespace SoMeScholar.Importers.Tests;

/// <summary>A read restarted from <see cref="ReadCheckpoint.After"/> of any record yields exactly the records after it.</summary>
public class ResumeTests
{
    public static TheoryData<string, string> Fixtures => new()
    {
        { "bluesky/jetstream/expected_v1.jsonl", "bluesky-jetstream" },
        { "twitter/v2/streaming_output_with_error.jsonl", "x-api-v2" },
        { "twitter/v2/two_tweets.jsonl", "x-api-v2" },
        { "twitter/v1.1/original_format_examples.jsonl", "x-v1.1" },
        { "mastodon/streaming-hashtag-events.ndjson", "mastodon-streaming" },
        { "mastodon/status-example.json", "mastodon-api" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Resuming_after_any_record_gives_exactly_the_rest(string fixture, string format)
    {
        var item = new ImportPlanItem(SharedFiles.Fixture(fixture), ImportReaders.Get(format), new ReadOptions());
        var all = item.Read().ToList();
        Assert.NotEmpty(all);

        for (var k = 0; k < all.Count; k += Math.Max(1, all.Count / 12))
        {
            var checkpoint = ReadCheckpoint.Parse(ReadCheckpoint.After(all[k]).ToString());
            var rest = item.Read(checkpoint).ToList();

            Assert.Equal(all.Skip(k + 1).Select(Key), rest.Select(Key));
        }
    }

    [Fact]
    public void An_archive_array_resumes_at_the_element_after_the_checkpoint()
    {
        using var archive = XArchiveFixture.Create();
        var plan = FormatDetector.Plan(archive.Path);
        var tweets = plan.Items.Single(i => i.Format == "x-archive-tweets");
        var all = tweets.Read().ToList();

        var rest = tweets.Read(ReadCheckpoint.After(all[0])).ToList();

        Assert.Equal(all.Skip(1).Select(Key), rest.Select(Key));
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public void A_checkpoint_round_trips_through_its_text_form()
    {
        var checkpoint = new ReadCheckpoint(123_456_789_012, 4567, 3);

        Assert.Equal("123456789012:4567:3", checkpoint.ToString());
        Assert.True(ReadCheckpoint.TryParse("123456789012:4567:3", out var parsed));
        Assert.Equal(checkpoint, parsed);
        Assert.False(ReadCheckpoint.TryParse("12:x:3", out _));
        Assert.False(ReadCheckpoint.TryParse(null, out _));
    }

    [Fact]
    public void Jetstream_from_a_non_seekable_stream_resumes_by_reading_past_the_offset()
    {
        var bytes = File.ReadAllBytes(SharedFiles.Fixture("bluesky/jetstream/golden_v1.jsonl"));
        var all = Read.Bytes(new JetstreamReader(), bytes);
        using var pipe = new NonSeekable(bytes);

        var rest = new JetstreamReader().Read(pipe, "pipe", new ReadOptions { Resume = ReadCheckpoint.After(all[3]) }).ToList();

        Assert.Equal(all.Skip(4).Select(Key), rest.Select(Key));
    }

    private static string Key(ImportRecord record) => $"{record.GetType().Name} {record.Position.Line} {record.Position.ByteOffset} {record.Position.Index} " + record switch
    {
        ImportedPost p => p.ExternalId,
        ImportedInteraction i => i.NaturalKey,
        ImportedAccount a => a.ExternalId,
        ImportedDeletion d => d.ExternalId,
        ImportedAccountStatus s => s.ExternalId,
        RejectedRecord r => r.Reason,
        _ => "",
    };

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
