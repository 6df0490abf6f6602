using SoMeScholar.Importers.Csv;

namespace SoMeScholar.Importers.Tests.Csv;

public class CsvRecordReaderTests
{
    private static readonly CsvRecordReader Reader = new();

    [Fact]
    public void A_plain_source_target_list_gives_follow_edges_by_default()
    {
        var records = Read.Text(Reader, "alice bob\nbob  carol\n\ncarol alice mention\n");

        var edges = records.OfType<ImportedInteraction>();
        Assert.Equal(3, edges.Count);
        Assert.Equal(("alice", "bob", InteractionKind.Follow), (edges[0].SourceExternalId, edges[0].TargetExternalId, edges[0].Kind));
        Assert.Equal("follow:alice:bob", edges[0].NaturalKey);
        Assert.Equal(InteractionKind.Mention, edges[2].Kind);
        Assert.Equal(Platform.Other, edges[0].Platform);
        Assert.Equal(4, edges[2].Position.Line);
    }

    [Fact]
    public void A_Gephi_spreadsheet_with_semicolons_and_an_explicit_platform_and_kind()
    {
        var csv = "Source;Target;Type;Weight;Kind\nA;B;Directed;2;Follows\nB;C;Directed;1;retweet\nC;D;Directed;1;shrug\n";

        var records = Read.Text(Reader, csv, new ReadOptions { Platform = Platform.Mastodon });

        var edges = records.OfType<ImportedInteraction>();
        Assert.Equal([InteractionKind.Follow, InteractionKind.Repost], edges.Select(e => e.Kind));
        Assert.All(edges, e => Assert.Equal(Platform.Mastodon, e.Platform));
        var rejected = Assert.Single(records.OfType<RejectedRecord>());
        Assert.Equal("kind", rejected.Position.Field);
        Assert.Equal(4, rejected.Position.Line);
        Assert.Equal("C;D;Directed;1;shrug", rejected.Excerpt);
    }

    [Fact]
    public void A_NodeXL_edges_sheet_gives_posts_with_the_mentions_of_their_rows_and_follow_edges()
    {
        var csv = """
            Visual Properties,,,,,,,,,,
            Vertex 1,Vertex 2,Relationship,Relationship Date (UTC),Tweet,URLs in Tweet,Hashtags in Tweet,Tweet Date (UTC),Imported ID,In-Reply-To Tweet ID,Language
            drsmith,drjones,Mentions,2019-05-13 14:02:11,"Great #MedEd talk by @drjones and @drlee, ""must watch""
            https://t.co/x",https://example.org/talk,meded foamed,2019-05-13 14:02:11,1127900000000000001,,en
            drsmith,drlee,Mentions,2019-05-13 14:02:11,"Great #MedEd talk by @drjones and @drlee, ""must watch""
            https://t.co/x",https://example.org/talk,meded foamed,2019-05-13 14:02:11,1127900000000000001,,en
            drlee,drsmith,Replies to,2019-05-13 15:00:00,@drsmith thanks!,,,2019-05-13 15:00:00,1127900000000000002,1127900000000000001,en
            drjones,drjones,Tweet,2019-05-13 16:00:00,Just a thought,,,2019-05-13 16:00:00,1127900000000000003,,en
            drkim,drsmith,Followed,,,,,,,,
            """;

        var records = Read.Text(Reader, csv);

        var posts = records.OfType<ImportedPost>();
        Assert.Equal(3, posts.Count);
        var first = posts[0];
        Assert.Equal(Platform.X, first.Platform);
        Assert.Equal("1127900000000000001", first.ExternalId);
        Assert.Equal("drsmith", first.AuthorExternalId);
        Assert.Equal("Great #MedEd talk by @drjones and @drlee, \"must watch\"\nhttps://t.co/x", first.Text);
        Assert.Equal(["meded", "foamed"], first.Hashtags);
        Assert.Equal(["drjones", "drlee"], first.Mentions.Select(m => m.ExternalId));
        Assert.Equal(new DateTime(2019, 5, 13, 14, 2, 11, DateTimeKind.Utc), first.CreatedAt);
        Assert.Equal(3, first.Position.Line);
        var reply = posts[1];
        Assert.Equal(PostKind.Reply, reply.Kind);
        Assert.Equal("1127900000000000001", reply.ReplyToExternalId);
        Assert.Equal("drsmith", reply.ReplyToAuthorExternalId);
        Assert.Equal(PostKind.Original, posts[2].Kind);
        var follow = Assert.Single(records.OfType<ImportedInteraction>());
        Assert.Equal("follow:drkim:drsmith", follow.NaturalKey);
        Assert.Empty(records.OfType<RejectedRecord>());
    }

    [Fact]
    public void A_post_list_resumes_after_a_checkpoint_without_repeating_or_losing_posts()
    {
        var csv = "id,author,created_at,text,hashtags\n" + string.Join("\n", Enumerable.Range(1, 6).Select(i => $"{i},user{i},2026-01-0{i}T00:00:00Z,\"post, number {i}\",MedEd"));
        var path = Path.Combine(Path.GetTempPath(), $"somescholar-csv-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        try
        {
            List<ImportRecord> ReadFrom(ReadCheckpoint? resume)
            {
                using var stream = File.OpenRead(path);
                return [.. Reader.Read(stream, path, new ReadOptions { Resume = resume })];
            }

            var all = ReadFrom(null);
            var rest = ReadFrom(ReadCheckpoint.After(all[2]));

            Assert.Equal(6, all.Count);
            Assert.All(all, r => Assert.Equal(["MedEd"], Assert.IsType<ImportedPost>(r).Hashtags));
            Assert.Equal(["4", "5", "6"], rest.OfType<ImportedPost>().Select(p => p.ExternalId));
            Assert.Equal(5, rest[0].Position.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_row_cut_inside_a_quoted_field_at_the_end_is_rejected()
    {
        var records = Read.Text(Reader, "id,author,created_at,text\n1,a,2026-01-01T00:00:00Z,fine\n2,b,2026-01-01T00:00:00Z,\"never closed\n");

        Assert.Single(records.OfType<ImportedPost>());
        Assert.Contains("quoted field", Assert.Single(records.OfType<RejectedRecord>()).Reason, StringComparison.Ordinal);
    }
}
