using SoMeScholar.Importers.Bluesky;

namespace SoMeScholar.Importers.Tests.Bluesky;

public class JetstreamReaderTests
{
    private static readonly JetstreamReader Reader = new();

    [Fact]
    public void Reads_the_152_real_events_into_the_counts_the_fixture_documents()
    {
        var statistics = new ReadStatistics();
        var records = Read.Fixture(Reader, "bluesky/jetstream/expected_v1.jsonl", new ReadOptions { Statistics = statistics });

        var posts = records.OfType<ImportedPost>();
        Assert.Equal(17, posts.Count(p => p.Kind != PostKind.Repost));
        Assert.Equal(8, posts.Count(p => p.Kind == PostKind.Reply));
        Assert.Equal(15, posts.Count(p => p.Kind == PostKind.Repost));
        var interactions = records.OfType<ImportedInteraction>();
        Assert.Equal(105, interactions.Count(i => i.Kind == InteractionKind.Like));
        Assert.Equal(6, interactions.Count(i => i.Kind == InteractionKind.Follow));
        var deletions = records.OfType<ImportedDeletion>();
        Assert.Equal(3, deletions.Count(d => d.Target == DeletionTarget.Interaction && d.ExternalId.Contains("/app.bsky.graph.follow/", StringComparison.Ordinal)));
        Assert.Single(deletions, d => d.Target == DeletionTarget.Post);
        Assert.Equal(2, records.OfType<ImportedAccountStatus>().Count);
        Assert.Empty(records.OfType<RejectedRecord>());
        Assert.Equal(4, posts.Sum(p => p.Hashtags.Count));
        // Four link facets, plus one link card (embed.external) on a reply with no text.
        Assert.Equal(5, posts.Sum(p => p.Links.Count));
        Assert.Equal(152, statistics.Units);
        Assert.Equal(3, statistics.IgnoredTotal);
        Assert.Equal(1, statistics.Ignored["collection app.bsky.graph.block"]);
    }

    [Fact]
    public void Hashtags_come_from_tag_facets_by_UTF8_byte_offset_even_after_an_emoji()
    {
        var post = Post("did:plc:tn3hni2jpphsgl6amfbb7ja6", "3mptbypfywk2v");

        Assert.Equal(["HowToTellAiToShutUp", "IndieRebellion"], post.Hashtags);
        Assert.Equal(PostKind.Original, post.Kind);
        Assert.Equal("de", post.Language);
        Assert.Equal(new DateTime(2026, 7, 4, 14, 38, 7, 323, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal("bafyreifjsh3dec2j6d7nqh7l4ipfd6xbtpv5tf6lqk2fpsx77aa4uyypim", post.Version);
        Assert.Null(post.Url); // derivable: BlueskyNames.PostUrl(did, rkey)
        Assert.Equal(DateTimeKind.Utc, post.IndexedAt!.Value.Kind);
        Assert.StartsWith("#HowToTellAiToShutUp!", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_and_tag_facets_and_images_of_one_post_are_all_kept()
    {
        var post = Post("did:plc:ynfp6wddjqpl44gordpsqkuw", "3mptbyo7tas2u");

        Assert.Equal(["talesatwonderworld", "balanwonderworldoc"], post.Hashtags);
        Assert.Equal(["https://www.tumblr.com/tempo-tales/765681292369166336/behind-them-timmi-and-wankyu-follow-silently-but?source=share"], post.Links);
        Assert.NotEmpty(post.Media);
        Assert.All(post.Media, m => Assert.Equal("image", m.MediaType));
        Assert.All(post.Media, m => Assert.StartsWith("https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:ynfp6wddjqpl44gordpsqkuw/", m.Url, StringComparison.Ordinal));
    }

    [Fact]
    public void A_link_facet_and_the_external_embed_with_the_same_address_give_one_link()
    {
        var post = Post("did:plc:dclwtltrt2ggsryagfzk7dp4", "3mptbyoeyc22k");

        Assert.Equal(["https://www.youtube.com/watch?v=V5lDo-jw8mA"], post.Links);
        Assert.Empty(post.Hashtags);
    }

    [Fact]
    public void A_reply_names_its_parent_the_parent_author_and_the_thread_root()
    {
        var post = Post("did:plc:u4lmvw4wwzaql3z5kcf3r7h4", "3mptbyoumc22i");

        Assert.Equal(PostKind.Reply, post.Kind);
        Assert.Equal("at://did:plc:u4lmvw4wwzaql3z5kcf3r7h4/app.bsky.feed.post/3mptbyou7ls2i", post.ReplyToExternalId);
        Assert.Equal("did:plc:u4lmvw4wwzaql3z5kcf3r7h4", post.ReplyToAuthorExternalId);
        Assert.NotNull(post.ReplyRootExternalId);
    }

    [Fact]
    public void Golden_events_map_to_like_reply_repost_follow_profile_and_account_states()
    {
        var statistics = new ReadStatistics();
        var records = Read.Fixture(Reader, "bluesky/jetstream/golden_v1.jsonl", new ReadOptions { Statistics = statistics });

        var like = Assert.Single(records.OfType<ImportedInteraction>(), i => i.Kind == InteractionKind.Like);
        Assert.Equal("at://did:plc:mcc5yghbk7tixqryac2yxku7/app.bsky.feed.like/3mmoojp7etg2g", like.NaturalKey);
        Assert.Equal("did:plc:vfnmgxg2yscfliemmcxzyfyh", like.TargetExternalId);
        Assert.Equal("at://did:plc:vfnmgxg2yscfliemmcxzyfyh/app.bsky.feed.post/3mmoodizfwc2j", like.SubjectPostExternalId);

        var reply = Assert.Single(records.OfType<ImportedPost>(), p => p.Kind == PostKind.Reply);
        Assert.Equal("Try RSV for a good time !!", reply.Text);
        Assert.Equal("did:plc:j76trmiofvaxxpvx2vnb2vwf", reply.ReplyToAuthorExternalId);

        var repost = Assert.Single(records.OfType<ImportedPost>(), p => p.Kind == PostKind.Repost);
        Assert.Equal("at://did:plc:eizxoqcsvvvarxeb3pjkblrp/app.bsky.feed.repost/3mmoojpbade2i", repost.ExternalId);
        Assert.Equal("at://did:plc:hjloomm2tkve3pmfgbxegl3v/app.bsky.feed.post/3mmood3a6hc25", repost.RepostOfExternalId);
        Assert.Equal("did:plc:hjloomm2tkve3pmfgbxegl3v", repost.RepostOfAuthorExternalId);
        Assert.Equal("", repost.Text);

        var follow = Assert.Single(records.OfType<ImportedInteraction>(), i => i.Kind == InteractionKind.Follow);
        Assert.Equal("did:plc:anc6s2kher6ltrhhglxrzxsa", follow.TargetExternalId);
        Assert.Equal(new DateTime(2026, 5, 25, 14, 23, 27, 319, DateTimeKind.Utc), follow.OccurredAt);

        var profile = Assert.Single(records.OfType<ImportedAccount>());
        Assert.Equal("did:plc:o6t5vwyr7ae73foww7bgye4r", profile.ExternalId);
        Assert.Equal("Multiversal Lokis Unit🔞", profile.DisplayName);
        Assert.StartsWith("https://cdn.bsky.app/img/avatar/plain/did:plc:o6t5vwyr7ae73foww7bgye4r/bafkreieajxclqzwk2mczx7hxmoboqpuiveqlbm35gsda5xlaqfmlryu4ri", profile.AvatarUrl, StringComparison.Ordinal);

        var states = records.OfType<ImportedAccountStatus>();
        Assert.Equal(2, states.Count);
        Assert.Contains(states, s => s.Status == AccountStatus.Active);
        Assert.All(states, s => Assert.Equal(new DateTime(2026, 5, 25, 14, 23, 29, 950, DateTimeKind.Utc), s.OccurredAt));
        Assert.Equal(3, statistics.IgnoredTotal);
        Assert.Empty(records.OfType<RejectedRecord>());
    }

    [Fact]
    public void Every_record_carries_its_line_and_the_byte_offset_where_the_line_starts()
    {
        var path = Testing.SharedFiles.Fixture("bluesky/jetstream/golden_v1.jsonl");
        var bytes = File.ReadAllBytes(path);
        var records = Read.Fixture(Reader, "bluesky/jetstream/golden_v1.jsonl");

        Assert.All(records, r =>
        {
            Assert.Equal(path, r.Position.Source);
            var offset = (int)r.Position.ByteOffset!.Value;
            Assert.True(offset == 0 || bytes[offset - 1] == (byte)'\n');
            var lineNumber = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            Assert.Equal(lineNumber, r.Position.Line);
        });
    }

    [Fact]
    public void A_delete_carries_only_the_AT_URI_of_the_record_it_removes()
    {
        var records = Read.Text(Reader, """
            {"did":"did:plc:yolivd2peys4cyqjmto7pijs","time_us":1783175888258881,"kind":"commit","commit":{"rev":"3mptbypveoj2l","operation":"delete","collection":"app.bsky.graph.follow","rkey":"3la5ybe53hl24"}}
            {"did":"did:plc:yolivd2peys4cyqjmto7pijs","time_us":1783175888258882,"kind":"commit","commit":{"rev":"3mptbypveoj2m","operation":"delete","collection":"app.bsky.feed.repost","rkey":"3la5ybe53hl25"}}
            """);

        var follow = Assert.IsType<ImportedDeletion>(records[0]);
        Assert.Equal("at://did:plc:yolivd2peys4cyqjmto7pijs/app.bsky.graph.follow/3la5ybe53hl24", follow.ExternalId);
        Assert.Equal(DeletionTarget.Interaction, follow.Target);
        Assert.Equal(new DateTime(2026, 7, 4, 14, 38, 8, 258, DateTimeKind.Utc).AddTicks(8810), follow.OccurredAt);
        var repost = Assert.IsType<ImportedDeletion>(records[1]);
        Assert.Equal(DeletionTarget.Post, repost.Target);
    }

    [Fact]
    public void Key_order_does_not_matter_even_when_the_record_comes_before_its_collection()
    {
        var records = Read.Text(Reader, """
            {"commit":{"record":{"createdAt":"2026-01-02T03:04:05Z","text":"#MedEd rocks","facets":[{"index":{"byteStart":0,"byteEnd":6},"features":[{"tag":"MedEd"}]}]},"cid":"bafyx","rkey":"3abc","collection":"app.bsky.feed.post","operation":"create"},"kind":"commit","time_us":1,"did":"did:plc:abc"}
            """);

        var post = Assert.IsType<ImportedPost>(Assert.Single(records));
        Assert.Equal(["MedEd"], post.Hashtags);
        Assert.Equal("at://did:plc:abc/app.bsky.feed.post/3abc", post.ExternalId);
        Assert.Equal("bafyx", post.Version);
    }

    [Fact]
    public void Overlapping_and_out_of_range_facets_are_dropped_and_record_tags_are_added_once()
    {
        var statistics = new ReadStatistics();
        var records = Read.Text(Reader, """
            {"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3abc","record":{"text":"é #one #two","createdAt":"2026-01-02T03:04:05.000Z","tags":["FOAMed","one"],"facets":[{"index":{"byteStart":8,"byteEnd":12},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"two"}]},{"index":{"byteStart":3,"byteEnd":7},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"one"}]},{"index":{"byteStart":5,"byteEnd":9},"features":[{"tag":"overlap"}]},{"index":{"byteStart":12,"byteEnd":40},"features":[{"tag":"outside"}]},{"index":{"byteStart":0,"byteEnd":2},"features":[{"did":"did:plc:friend"},{"uri":"https://example.org/"}]}]}}}
            """, new ReadOptions { Statistics = statistics });

        var post = Assert.IsType<ImportedPost>(Assert.Single(records));
        Assert.Equal(["one", "two", "FOAMed"], post.Hashtags);
        Assert.Equal([new ImportedMention("did:plc:friend", null)], post.Mentions);
        Assert.Equal(["https://example.org/"], post.Links);
        Assert.Equal(1, statistics.Notices["overlapping facet dropped"]);
        Assert.Equal(1, statistics.Notices["facet outside the text dropped"]);
    }

    [Fact]
    public void Quotes_are_read_from_record_and_record_with_media_embeds()
    {
        var records = Read.Text(Reader, """
            {"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3aaa","record":{"text":"look","createdAt":"2026-01-02T03:04:05Z","embed":{"$type":"app.bsky.embed.record","record":{"cid":"bafyq","uri":"at://did:plc:quoted/app.bsky.feed.post/3qqq"}}}}}
            {"did":"did:plc:abc","time_us":2,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3bbb","record":{"text":"look again","createdAt":"2026-01-02T03:04:05Z","embed":{"$type":"app.bsky.embed.recordWithMedia","media":{"$type":"app.bsky.embed.images","images":[{"alt":"a chart","image":{"$type":"blob","ref":{"$link":"bafkimg"},"mimeType":"image/png","size":3}}]},"record":{"$type":"app.bsky.embed.record","record":{"cid":"bafyq","uri":"at://did:plc:quoted/app.bsky.feed.post/3qqq"}}}}}}
            """);

        var posts = records.OfType<ImportedPost>();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p =>
        {
            Assert.Equal(PostKind.Quote, p.Kind);
            Assert.Equal("at://did:plc:quoted/app.bsky.feed.post/3qqq", p.QuoteOfExternalId);
            Assert.Equal("did:plc:quoted", p.QuoteOfAuthorExternalId);
        });
        Assert.Equal(new ImportedMedia("https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:abc/bafkimg@jpeg", "image", "a chart"), Assert.Single(posts[1].Media));
    }

    [Theory]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3aaa","record":{"createdAt":"2026-01-02T03:04:05Z"}}}""", "commit.record.text", "missing required field")]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3aaa","record":{"text":"x"}}}""", "commit.record.createdAt", "missing required field")]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3aaa","record":{"text":"x","createdAt":"yesterday"}}}""", "commit.record.createdAt", "invalid datetime")]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3aaa","record":{"text":42,"createdAt":"2026-01-02T03:04:05Z"}}}""", "commit.record.text", "unexpected value type")]
    [InlineData("""{"did":"not a did","time_us":1,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":"3aaa"}}""", "did", "invalid DID")]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":"a/b"}}""", "commit.rkey", "invalid record key")]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.like","rkey":"3aaa","record":{"createdAt":"2026-01-02T03:04:05Z","subject":{"cid":"x","uri":"https://not.at/uri"}}}}""", "commit.record.subject.uri", "invalid reference")]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.graph.follow","rkey":"3aaa","record":{"createdAt":"2026-01-02T03:04:05Z"}}}""", "commit.record.subject", "missing required field")]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3aaa","record":{"text":"x","createdAt":"2026-01-02T03:04:05Z","reply":{"parent":{"uri":"nope"},"root":{"uri":"nope"}}}}}""", "commit.record.reply.parent.uri", "invalid reference")]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3aaa","record":{"text":"x","createdAt":"2026-01-02T03:04:05Z","facets":"oops"}}}""", "commit.record.facets", "expected an array")]
    [InlineData("""{"did":"did:plc:abc","time_us":"1","kind":"commit"}""", "time_us", "unexpected value type")]
    [InlineData("""{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3aaa","record":{"text":"x","createdAt":""" + "\"2026-01-02T03:04:05Z\"", "", "malformed JSON")]
    public void A_malformed_event_is_rejected_with_its_field_and_reason(string line, string field, string reason)
    {
        var records = Read.Text(Reader, line + "\n" + """{"did":"did:plc:abc","time_us":1,"kind":"identity","identity":{"did":"did:plc:abc","seq":1,"time":"2026-01-02T03:04:05Z","handle":"abc.test"}}""");

        var rejected = Assert.IsType<RejectedRecord>(records[0]);
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
        if (field.Length > 0)
        {
            Assert.Equal(field, rejected.Position.Field);
        }

        Assert.Equal(1, rejected.Position.Line);
        Assert.Equal(0, rejected.Position.ByteOffset);
        Assert.NotNull(rejected.Excerpt);
        var next = Assert.IsType<ImportedAccountStatus>(records[1]);
        Assert.Equal("abc.test", next.Handle);
        Assert.Equal(2, next.Position.Line);
    }

    [Fact]
    public void Oversize_text_and_invalid_UTF8_are_rejected_and_the_next_line_still_reads()
    {
        var longText = new string('é', 1600);
        var line1 = """{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3aaa","record":{"text":""" + "\"" + longText + "\",\"createdAt\":\"2026-01-02T03:04:05Z\"}}}";
        var good = """{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.graph.follow","rkey":"3aab","record":{"createdAt":"2026-01-02T03:04:05Z","subject":"did:plc:xyz"}}}""";
        var bytes = new List<byte>();
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(line1 + "\n"));
        var badLine = System.Text.Encoding.UTF8.GetBytes(good);
        badLine[40] = 0xFF;
        bytes.AddRange(badLine);
        bytes.Add((byte)'\n');
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(good + "\r\n"));

        var records = Read.Bytes(Reader, [.. bytes]);

        Assert.Equal(3, records.Count);
        Assert.Contains("oversize field", Assert.IsType<RejectedRecord>(records[0]).Reason, StringComparison.Ordinal);
        var invalid = Assert.IsType<RejectedRecord>(records[1]);
        Assert.Equal("invalid UTF-8 at byte 40 of the line", invalid.Reason);
        Assert.Equal(2, invalid.Position.Line);
        Assert.IsType<ImportedInteraction>(records[2]);
        Assert.Equal(3, records[2].Position.Line);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_rejected_as_oversize_without_being_buffered()
    {
        var huge = """{"did":"did:plc:abc","pad":""" + "\"" + new string('x', 50_000) + "\"}";
        var good = """{"did":"did:plc:abc","time_us":1,"kind":"account","account":{"active":false,"did":"did:plc:abc","seq":2,"time":"2026-01-02T03:04:05Z","status":"takendown"}}""";

        var records = Read.Text(Reader, huge + "\n" + good + "\n", new ReadOptions { MaxRecordBytes = 4096 });

        Assert.Contains("oversize record", Assert.IsType<RejectedRecord>(records[0]).Reason, StringComparison.Ordinal);
        var state = Assert.IsType<ImportedAccountStatus>(records[1]);
        Assert.Equal(AccountStatus.TakenDown, state.Status);
        Assert.Equal(huge.Length + 1, state.Position.ByteOffset);
    }

    [Fact]
    public void An_event_kind_added_after_v1_is_skipped_and_counted_not_quarantined()
    {
        var statistics = new ReadStatistics();
        var records = Read.Text(Reader, """
            {"did":"did:plc:abc","time_us":1,"kind":"sync","sync":{"did":"did:plc:abc","rev":"x"}}
            {"did":"did:plc:abc","time_us":2}
            """, new ReadOptions { Statistics = statistics });

        Assert.Equal(1, statistics.Ignored["event kind sync"]);
        Assert.Equal("missing required field 'kind'", Assert.IsType<RejectedRecord>(Assert.Single(records)).Reason);
    }

    private static ImportedPost Post(string did, string rkey) =>
        Assert.Single(Read.Fixture(Reader, "bluesky/jetstream/expected_v1.jsonl").OfType<ImportedPost>(), p => p.ExternalId == $"at://{did}/app.bsky.feed.post/{rkey}");
}
