using System.Text;
using SoMeScholar.Importers.Bluesky;

namespace SoMeScholar.Importers.Tests.Bluesky;

public class JetstreamSynthTests
{
    [Fact]
    public void The_same_seed_gives_the_same_lines_and_another_seed_other_lines()
    {
        using var a = new JetstreamSynth(7);
        using var b = new JetstreamSynth(7);
        using var c = new JetstreamSynth(8);

        var first = a.Lines(200).ToList();
        Assert.Equal(first, b.Lines(200));
        Assert.NotEqual(first, c.Lines(200));
    }

    [Fact]
    public void Every_generated_line_reads_cleanly_with_hashtags_exactly_where_the_facets_point()
    {
        using var synth = new JetstreamSynth(42);
        using var buffer = new MemoryStream();
        synth.WriteTo(buffer, 5000);
        var statistics = new ReadStatistics();

        var records = Read.Bytes(new JetstreamReader(), buffer.ToArray(), new ReadOptions { Statistics = statistics });

        Assert.Empty(records.OfType<RejectedRecord>());
        Assert.Empty(statistics.Notices);
        var posts = records.OfType<ImportedPost>().Where(p => p.Kind != PostKind.Repost).ToList();
        Assert.Equal(synth.Posts, posts.Count);
        Assert.Equal(synth.Replies, posts.Count(p => p.Kind == PostKind.Reply));
        Assert.Equal(synth.Reposts, records.OfType<ImportedPost>().Count(p => p.Kind == PostKind.Repost));
        Assert.Equal(synth.Follows, records.OfType<ImportedInteraction>().Count(i => i.Kind == InteractionKind.Follow));
        Assert.Equal(synth.Likes, records.OfType<ImportedInteraction>().Count(i => i.Kind == InteractionKind.Like));
        Assert.Equal(5000, synth.Posts + synth.Follows + synth.Reposts + synth.Likes);
        Assert.InRange(synth.Posts, 3300, 3700);
        Assert.All(posts, p => Assert.All(p.Hashtags, tag => Assert.Contains("#" + tag, p.Text, StringComparison.Ordinal)));
        Assert.Contains(posts, p => p.Hashtags.Contains("MedEd") && Encoding.UTF8.GetByteCount(p.Text) > p.Text.Length);
        Assert.All(records.OfType<ImportedPost>(), p => Assert.True(AtSyntax.TryParseAtUri(p.ExternalId, out var uri) && AtSyntax.IsValidTid(uri.RecordKey)));
    }
}
