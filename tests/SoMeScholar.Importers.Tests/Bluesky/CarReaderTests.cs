using System.Text;
using SoMeScholar.Importers.Bluesky.Car;

namespace SoMeScholar.Importers.Tests.Bluesky;

public class CarReaderTests
{
    private const string Owner = "did:plc:ownerownerownerowner01";
    private static readonly BlueskyCarReader Reader = new();

    /// <summary>A small repository: records after the commit and MST nodes, a two-level tree with left and right links.</summary>
    private sealed class Repo
    {
        public List<(string Key, byte[] Block)> Records { get; } = [];
        public byte[] Commit { get; private set; } = [];
        public List<byte[]> Nodes { get; } = [];

        public static Repo Build()
        {
            var repo = new Repo();
            var text = "Café rounds 🩺 #MedEd with @friend";
            var tagStart = Encoding.UTF8.GetByteCount("Café rounds 🩺 ");
            var mentionStart = Encoding.UTF8.GetByteCount("Café rounds 🩺 #MedEd with ");
            repo.Add("app.bsky.actor.profile/self", new Dictionary<string, object?> { ["$type"] = "app.bsky.actor.profile", ["displayName"] = "Dr Owner", ["description"] = "Teaches." });
            repo.Add("app.bsky.feed.like/3kaaaaaaaaaa2", new Dictionary<string, object?>
            {
                ["$type"] = "app.bsky.feed.like",
                ["createdAt"] = "2026-02-01T10:00:00.000Z",
                ["subject"] = new Dictionary<string, object?> { ["cid"] = "bafyreisubject", ["uri"] = "at://did:plc:other/app.bsky.feed.post/3kother" },
            });
            repo.Add("app.bsky.feed.post/3kbbbbbbbbbb2", new Dictionary<string, object?>
            {
                ["$type"] = "app.bsky.feed.post",
                ["text"] = text,
                ["createdAt"] = "2026-02-01T10:05:00.000Z",
                ["langs"] = new List<object?> { "en" },
                ["tags"] = new List<object?> { "FOAMed" },
                ["facets"] = new List<object?>
                {
                    new Dictionary<string, object?>
                    {
                        ["index"] = new Dictionary<string, object?> { ["byteStart"] = tagStart, ["byteEnd"] = tagStart + 6 },
                        ["features"] = new List<object?> { new Dictionary<string, object?> { ["$type"] = "app.bsky.richtext.facet#tag", ["tag"] = "MedEd" } },
                    },
                    new Dictionary<string, object?>
                    {
                        ["index"] = new Dictionary<string, object?> { ["byteStart"] = mentionStart, ["byteEnd"] = mentionStart + 7 },
                        ["features"] = new List<object?> { new Dictionary<string, object?> { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = "did:plc:friend" } },
                    },
                },
            });
            repo.Add("app.bsky.feed.post/3kcccccccccc2", new Dictionary<string, object?>
            {
                ["$type"] = "app.bsky.feed.post",
                ["text"] = "agreed",
                ["createdAt"] = "2026-02-01T11:00:00.000Z",
                ["reply"] = new Dictionary<string, object?>
                {
                    ["root"] = new Dictionary<string, object?> { ["cid"] = "bafyreiroot", ["uri"] = "at://did:plc:other/app.bsky.feed.post/3kroot" },
                    ["parent"] = new Dictionary<string, object?> { ["cid"] = "bafyreiparent", ["uri"] = "at://did:plc:other/app.bsky.feed.post/3kparent" },
                },
            });
            repo.Add("app.bsky.feed.repost/3kdddddddddd2", new Dictionary<string, object?>
            {
                ["$type"] = "app.bsky.feed.repost",
                ["createdAt"] = "2026-02-01T12:00:00.000Z",
                ["subject"] = new Dictionary<string, object?> { ["cid"] = "bafyreisubject", ["uri"] = "at://did:plc:other/app.bsky.feed.post/3kother" },
            });
            repo.Add("app.bsky.graph.block/3keeeeeeeeee2", new Dictionary<string, object?> { ["$type"] = "app.bsky.graph.block", ["createdAt"] = "2026-02-01T12:00:00.000Z", ["subject"] = "did:plc:troll" });
            repo.Add("app.bsky.graph.follow/3kffffffffff2", new Dictionary<string, object?> { ["$type"] = "app.bsky.graph.follow", ["createdAt"] = "2026-02-01T13:00:00.000Z", ["subject"] = "did:plc:friend" });

            // Keys sort as the MST orders them; the left child holds the first two, the last entry has a right subtree.
            var sorted = repo.Records.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
            Cid Cid(int i) => CarWriter.CidOf(sorted[i].Block);
            var left = CarWriter.MstNode(null, [(sorted[0].Key, Cid(0), null), (sorted[1].Key, Cid(1), null)]);
            var right = CarWriter.MstNode(null, [(sorted[5].Key, Cid(5), null), (sorted[6].Key, Cid(6), null)]);
            var root = CarWriter.MstNode(CarWriter.CidOf(left), [(sorted[2].Key, Cid(2), null), (sorted[3].Key, Cid(3), null), (sorted[4].Key, Cid(4), CarWriter.CidOf(right))]);
            repo.Nodes.AddRange([root, left, right]);
            repo.Commit = CarWriter.Encode(new Dictionary<string, object?>
            {
                ["did"] = Owner,
                ["version"] = 3,
                ["data"] = new Link(CarWriter.CidOf(root)),
                ["rev"] = "3kzzzzzzzzzz2",
                ["prev"] = null,
                ["sig"] = new byte[64],
            });
            return repo;
        }

        private void Add(string key, Dictionary<string, object?> record) => Records.Add((key, CarWriter.Encode(record)));

        public byte[] Car() => CarWriter.Car(CarWriter.CidOf(Commit), [Commit, .. Nodes, .. Records.Select(r => r.Block)]);
    }

    [Fact]
    public void Reads_posts_reposts_likes_follows_and_the_profile_with_keys_from_the_tree_and_the_owner_from_the_commit()
    {
        var repo = Repo.Build();
        var statistics = new ReadStatistics();

        var records = Read.Bytes(Reader, repo.Car(), new ReadOptions { Statistics = statistics });

        Assert.Empty(records.OfType<RejectedRecord>());
        var posts = records.OfType<ImportedPost>();
        var tagged = Assert.Single(posts, p => p.ExternalId == $"at://{Owner}/app.bsky.feed.post/3kbbbbbbbbbb2");
        Assert.Equal(Owner, tagged.AuthorExternalId);
        Assert.Equal(["MedEd", "FOAMed"], tagged.Hashtags);
        Assert.Equal([new ImportedMention("did:plc:friend", null)], tagged.Mentions);
        Assert.Equal("en", tagged.Language);
        var postBlock = repo.Records.Single(r => r.Key == "app.bsky.feed.post/3kbbbbbbbbbb2").Block;
        Assert.Equal(CarWriter.CidOf(postBlock).ToString(), tagged.Version);
        Assert.StartsWith("bafyrei", tagged.Version, StringComparison.Ordinal);

        var reply = Assert.Single(posts, p => p.Kind == PostKind.Reply);
        Assert.Equal("at://did:plc:other/app.bsky.feed.post/3kparent", reply.ReplyToExternalId);
        Assert.Equal("at://did:plc:other/app.bsky.feed.post/3kroot", reply.ReplyRootExternalId);
        var repost = Assert.Single(posts, p => p.Kind == PostKind.Repost);
        Assert.Equal($"at://{Owner}/app.bsky.feed.repost/3kdddddddddd2", repost.ExternalId);
        var like = Assert.Single(records.OfType<ImportedInteraction>(), i => i.Kind == InteractionKind.Like);
        Assert.Equal($"at://{Owner}/app.bsky.feed.like/3kaaaaaaaaaa2", like.NaturalKey);
        var follow = Assert.Single(records.OfType<ImportedInteraction>(), i => i.Kind == InteractionKind.Follow);
        Assert.Equal("did:plc:friend", follow.TargetExternalId);
        Assert.Equal("Dr Owner", Assert.Single(records.OfType<ImportedAccount>()).DisplayName);
        Assert.Equal(1, statistics.Ignored["collection app.bsky.graph.block"]);
        Assert.All(records, r => Assert.NotNull(r.Position.ByteOffset));
    }

    [Fact]
    public void A_truncated_file_keeps_the_complete_records_and_rejects_the_cut_block_and_the_missing_record()
    {
        var repo = Repo.Build();
        var car = repo.Car();
        var cut = car[..^5];

        var records = Read.Bytes(Reader, cut);

        var rejected = records.OfType<RejectedRecord>();
        Assert.Contains(rejected, r => r.Reason.Contains("the file ends inside a block", StringComparison.Ordinal));
        var missing = Assert.Single(rejected, r => r.Reason.StartsWith("unknown reference", StringComparison.Ordinal));
        Assert.Equal("app.bsky.graph.follow/3kffffffffff2", missing.Position.Field);
        Assert.Equal(5, records.Count(r => r is not RejectedRecord));
    }

    [Fact]
    public void A_block_whose_content_does_not_match_its_CID_is_rejected_as_corrupt()
    {
        var repo = Repo.Build();
        var car = repo.Car();
        var post = repo.Records.Single(r => r.Key == "app.bsky.feed.post/3kcccccccccc2").Block;
        var at = car.AsSpan().IndexOf(Encoding.UTF8.GetBytes("agreed"));
        car[at] = (byte)'A';

        var records = Read.Bytes(Reader, car);

        Assert.Contains(records.OfType<RejectedRecord>(), r => r.Reason.StartsWith("corrupt block", StringComparison.Ordinal));
        Assert.True(records.OfType<RejectedRecord>().Any(r => r.Position.Field == "app.bsky.feed.post/3kcccccccccc2"), string.Join("\n", records.OfType<RejectedRecord>().Select(r => r.Position + " " + r.Reason)));
        Assert.DoesNotContain(records.OfType<ImportedPost>(), p => p.Kind == PostKind.Reply);
        Assert.NotEmpty(post);
    }

    [Fact]
    public void Bytes_that_are_not_a_CAR_file_are_rejected_without_throwing()
    {
        var records = Read.Bytes(Reader, Encoding.UTF8.GetBytes("{\"not\": \"a car\"}"));

        var rejected = Assert.IsType<RejectedRecord>(Assert.Single(records));
        Assert.Equal("header", rejected.Position.Field);
    }

    [Fact]
    public void A_read_resumes_after_a_checkpoint_without_repeating_or_losing_records()
    {
        var car = Repo.Build().Car();
        var all = Read.Bytes(Reader, car).Where(r => r is not RejectedRecord).ToList();

        var checkpoint = ReadCheckpoint.After(all[2]);
        var rest = Read.Bytes(Reader, car, new ReadOptions { Resume = checkpoint });

        Assert.Equal(all.Skip(3).Select(Describe), rest.Select(Describe));
    }

    private static string Describe(ImportRecord record) => record switch
    {
        ImportedPost p => "post " + p.ExternalId,
        ImportedInteraction i => "edge " + i.NaturalKey,
        ImportedAccount a => "account " + a.ExternalId,
        _ => record.GetType().Name,
    };
}
