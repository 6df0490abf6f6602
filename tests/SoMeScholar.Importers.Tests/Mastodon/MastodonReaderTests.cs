using SoMeScholar.Importers.Mastodon;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.Tests.Mastodon;

public class MastodonReaderTests
{
    private static readonly DateTime Observed = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly MastodonApiReader Api = new();

    [Fact]
    public void A_status_becomes_its_author_with_a_follower_snapshot_and_a_post_keyed_on_its_uri()
    {
        var records = Read.Fixture(Api, "mastodon/status-example.json", new ReadOptions { ObservedAt = Observed, Instance = "mastodon.social" });

        var account = Assert.Single(records.OfType<ImportedAccount>());
        Assert.Equal("https://mastodon.social/users/Gargron", account.ExternalId);
        Assert.Equal("Gargron@mastodon.social", account.Handle);
        Assert.Equal(new AccountCounts(322930, 459, 61323, Observed), account.Counts);
        var post = Assert.Single(records.OfType<ImportedPost>());
        Assert.Equal("https://mastodon.social/users/Gargron/statuses/103270115826048975", post.ExternalId);
        Assert.Equal("mastodon.social/103270115826048975", post.LocalId);
        Assert.Equal(account.ExternalId, post.AuthorExternalId);
        Assert.Equal(PostKind.Original, post.Kind);
        Assert.Equal("\"I lost my inheritance with one wrong digit on my sort code\"\n\nhttps://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code", post.Text);
        Assert.Equal(["https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code"], post.Links);
        Assert.Equal(new PostMetrics(5, 6, 11, 2), post.Metrics);
        Assert.Equal(new DateTime(2019, 12, 8, 3, 48, 33, 901, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal("en", post.Language);
    }

    [Fact]
    public void A_reply_keeps_the_local_id_of_its_parent_and_finds_the_parent_author_among_the_mentions()
    {
        var records = Read.Fixture(Api, "mastodon/status-reply-with-mention.json");

        var post = Assert.Single(records.OfType<ImportedPost>());
        Assert.Equal(PostKind.Reply, post.Kind);
        Assert.Equal("108914298452377720", post.ReplyToLocalId);
        Assert.Equal("https://pl.nulled.red/users/disarray", post.ReplyToAuthorExternalId);
        Assert.Equal([new ImportedMention("https://pl.nulled.red/users/disarray", "disarray@pl.nulled.red")], post.Mentions);
        Assert.Equal("@disarray glad i was able to help", post.Text);
        Assert.Empty(post.Links);
        Assert.Null(post.Language);
        var account = Assert.Single(records.OfType<ImportedAccount>());
        Assert.Equal("https://letsalllovela.in/users/freon", account.ExternalId);
        Assert.Equal("freon@letsalllovela.in", account.Handle);
        Assert.Null(account.Counts);
    }

    [Fact]
    public void An_account_alone_is_an_account()
    {
        var records = Read.Fixture(Api, "mastodon/account-example.json", new ReadOptions { ObservedAt = Observed });

        var account = Assert.IsType<ImportedAccount>(Assert.Single(records));
        Assert.Equal("https://awoo.space/users/noiob", account.ExternalId);
        Assert.Equal("noiob@awoo.space", account.Handle);
        Assert.Equal(547, account.Counts!.Followers);
    }

    [Fact]
    public void The_streaming_fixture_gives_updates_edits_and_deletes_by_local_id()
    {
        var records = Read.Fixture(new MastodonStreamingReader(), "mastodon/streaming-hashtag-events.ndjson", new ReadOptions { Instance = "mastodon.social" });

        var posts = records.OfType<ImportedPost>();
        Assert.Equal(4, posts.Count);
        Assert.Equal(2, records.OfType<ImportedDeletion>().Count);
        Assert.All(records.OfType<ImportedDeletion>(), d =>
        {
            Assert.True(d.IsLocalId);
            Assert.Equal("mastodon.social/108914430312582020", d.ExternalId);
        });
        Assert.Equal(["test"], posts[0].Hashtags);
        Assert.Equal("#test", posts[0].Text);
        var edit = posts.Single(p => p.ExternalId == "https://ruby.social/users/chrismo/statuses/109348684454557541");
        Assert.Equal(["MUSICTUESDAY", "piano", "neoclassical", "jazz"], edit.Hashtags);
        Assert.Equal("2022-11-15T16:10:43.000Z", edit.Version);
        Assert.Equal("chrismo@ruby.social", edit.AuthorHandle);
        Assert.Equal("#test but edited", posts[^1].Text);
        Assert.Empty(records.OfType<RejectedRecord>());
    }

    [Fact]
    public void A_hashtag_timeline_array_with_a_boost_gives_the_original_then_the_repost()
    {
        var page = $"[{Status("1", "alice", "#MedEd is <b>great</b> &amp; fun", reblog: null)},{Status("2", "bob", "", reblog: Status("1", "alice", "#MedEd is <b>great</b> &amp; fun", reblog: null))}]";

        var records = Read.Text(Api, page, new ReadOptions { Instance = "med.example" });

        var posts = records.OfType<ImportedPost>();
        Assert.Equal(3, posts.Count);
        var repost = Assert.Single(posts, p => p.Kind == PostKind.Repost);
        Assert.Equal("https://med.example/users/alice/statuses/1", repost.RepostOfExternalId);
        Assert.Equal("https://med.example/users/alice", repost.RepostOfAuthorExternalId);
        Assert.Equal("https://med.example/users/bob", repost.AuthorExternalId);
        Assert.Equal("", repost.Text);
        var boostIndex = posts.IndexOf(repost);
        Assert.Equal(repost.RepostOfExternalId, posts[boostIndex - 1].ExternalId);
        Assert.Equal("#MedEd is great & fun", posts[0].Text);
        Assert.Equal(["MedEd"], posts[0].Hashtags);
        Assert.Equal(1, posts[0].Position.ByteOffset);
        Assert.True(posts[^1].Position.ByteOffset > 1);
    }

    [Fact]
    public void A_followers_page_with_its_owner_gives_follow_edges_towards_the_owner()
    {
        var page = $"[{Account("alice")},{Account("bob")}]";
        var options = new ReadOptions { OwnerExternalId = "https://med.example/users/owner", Relation = AccountListRelation.Followers, ObservedAt = Observed };

        var records = Read.Text(Api, page, options);

        var edges = records.OfType<ImportedInteraction>();
        Assert.Equal(2, edges.Count);
        Assert.All(edges, e => Assert.Equal("https://med.example/users/owner", e.TargetExternalId));
        Assert.Equal("follow:https://med.example/users/alice:https://med.example/users/owner", edges[0].NaturalKey);
        Assert.Equal(2, records.OfType<ImportedAccount>().Count);
    }

    [Fact]
    public void A_broken_element_of_a_large_array_is_rejected_alone()
    {
        var page = $"[{Status("1", "alice", "one", null)},{{\"uri\":\"https://med.example/x\",\"created_at\":\"not a date\",\"account\":{Account("carol")}}},{Status("3", "bob", "three", null)}]";

        var records = Read.Text(Api, page);

        var rejected = Assert.Single(records.OfType<RejectedRecord>());
        Assert.Equal("created_at", rejected.Position.Field);
        Assert.Contains("invalid date-time", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(2, records.OfType<ImportedPost>().Count);
    }

    [Fact]
    public void An_archive_outbox_gives_notes_boosts_and_deletions_and_likes_json_gives_likes()
    {
        const string owner = "https://med.example/users/owner";
        var outbox = $$"""
            {
              "@context": "https://www.w3.org/ns/activitystreams",
              "id": "outbox.json",
              "type": "OrderedCollection",
              "totalItems": 4,
              "orderedItems": [
                {
                  "id": "{{owner}}/statuses/10/activity", "type": "Create", "actor": "{{owner}}", "published": "2026-01-05T10:00:00Z",
                  "object": {
                    "id": "{{owner}}/statuses/10", "type": "Note", "published": "2026-01-05T10:00:00Z", "attributedTo": "{{owner}}",
                    "inReplyTo": "https://other.example/users/x/statuses/9", "url": "https://med.example/@owner/10",
                    "content": "<p><span class=\"h-card\"><a href=\"https://other.example/@x\" class=\"u-url mention\">@<span>x</span></a></span> see <a href=\"https://doi.org/10.1000/xyz\">doi.org/10.1000/xyz</a> <a href=\"https://med.example/tags/FOAMed\" class=\"mention hashtag\" rel=\"tag\">#<span>FOAMed</span></a></p>",
                    "contentMap": {"en": "…"},
                    "tag": [{"type": "Mention", "href": "https://other.example/users/x", "name": "@x@other.example"}, {"type": "Hashtag", "href": "https://med.example/tags/foamed", "name": "#FOAMed"}],
                    "attachment": [{"type": "Document", "mediaType": "image/png", "url": "/media_attachments/files/1.png", "name": "an ECG"}]
                  }
                },
                {"id": "{{owner}}/statuses/11/activity", "type": "Announce", "actor": "{{owner}}", "published": "2026-01-06T10:00:00Z", "object": "https://other.example/users/x/statuses/5"},
                {"id": "{{owner}}/statuses/12#delete", "type": "Delete", "actor": "{{owner}}", "object": {"id": "{{owner}}/statuses/12", "type": "Tombstone"} },
                {"id": "x", "type": "Like", "actor": "{{owner}}", "object": "https://a.example/1"}
              ]
            }
            """;

        var statistics = new ReadStatistics();
        var records = Read.Text(new MastodonOutboxReader(), outbox, new ReadOptions { OwnerExternalId = owner, Statistics = statistics });

        var note = Assert.Single(records.OfType<ImportedPost>(), p => p.Kind == PostKind.Reply);
        Assert.Equal($"{owner}/statuses/10", note.ExternalId);
        Assert.Equal("https://other.example/users/x/statuses/9", note.ReplyToExternalId);
        Assert.Equal(["FOAMed"], note.Hashtags);
        Assert.Equal([new ImportedMention("https://other.example/users/x", "x@other.example")], note.Mentions);
        Assert.Equal(["https://doi.org/10.1000/xyz"], note.Links);
        Assert.Equal("@x see doi.org/10.1000/xyz #FOAMed", note.Text);
        Assert.Equal("en", note.Language);
        Assert.Equal(new ImportedMedia("/media_attachments/files/1.png", "image", "an ECG"), Assert.Single(note.Media));
        var boost = Assert.Single(records.OfType<ImportedPost>(), p => p.Kind == PostKind.Repost);
        Assert.Equal("https://other.example/users/x/statuses/5", boost.RepostOfExternalId);
        Assert.Equal($"{owner}/statuses/12", Assert.Single(records.OfType<ImportedDeletion>()).ExternalId);
        Assert.Equal(1, statistics.Ignored["activity Like"]);

        var likes = Read.Text(new MastodonLikesReader(), """{"type":"OrderedCollection","orderedItems":["https://a.example/statuses/1","https://b.example/statuses/2"]}""", new ReadOptions { OwnerExternalId = owner });
        Assert.Equal(2, likes.OfType<ImportedInteraction>().Count(i => i.Kind == InteractionKind.Like && i.SourceExternalId == owner));
        Assert.Equal($"like:{owner}:https://b.example/statuses/2", likes[1].Should<ImportedInteraction>().NaturalKey);
    }

    [Fact]
    public void A_truncated_outbox_keeps_every_complete_item_and_rejects_the_cut_one()
    {
        var items = string.Join(",", Enumerable.Range(1, 5).Select(i => "{\"id\":\"a" + i + "\",\"type\":\"Announce\",\"actor\":\"https://m.example/users/o\",\"published\":\"2026-01-0" + i + "T00:00:00Z\",\"object\":\"https://x.example/s/" + i + "\"}"));
        var outbox = "{\"type\":\"OrderedCollection\",\"orderedItems\":[" + items + "]}";
        var cut = outbox[..(outbox.Length - 40)];

        var records = Read.Text(new MastodonOutboxReader(), cut);

        Assert.Equal(4, records.OfType<ImportedPost>().Count);
        var rejected = Assert.Single(records.OfType<RejectedRecord>());
        Assert.Contains("truncated", rejected.Reason, StringComparison.Ordinal);
        Assert.NotNull(rejected.Position.ByteOffset);
    }

    [Fact]
    public void Html_becomes_text_with_line_breaks_and_decoded_entities()
    {
        var anchors = new List<HtmlAnchor>();
        var text = HtmlText.ToPlainText("<p>Line one<br>line &lt;two&gt; &#127897;</p><p>Para <a href=\"https://e.org/?a=1&amp;b=2\" rel=\"nofollow\">link</a></p>", anchors);

        Assert.Equal("Line one\nline <two> 🎙\n\nPara link", text);
        Assert.Equal("https://e.org/?a=1&b=2", Assert.Single(anchors).Href);
    }

    internal static string Account(string name) =>
        $$"""{"id":"{{name.Length}}","username":"{{name}}","acct":"{{name}}","display_name":"{{name}}","url":"https://med.example/@{{name}}","created_at":"2020-01-01T00:00:00.000Z","note":"","followers_count":10,"following_count":5,"statuses_count":3}""";

    internal static string Status(string id, string author, string html, string? reblog) =>
        $$"""{"id":"{{id}}","created_at":"2026-01-0{{id}}T10:00:00.000Z","uri":"https://med.example/users/{{author}}/statuses/{{id}}","url":"https://med.example/@{{author}}/{{id}}","content":{{System.Text.Json.JsonSerializer.Serialize(html)}},"account":{{Account(author)}},"reblog":{{reblog ?? "null"}},"tags":{{(html.Contains("#MedEd", StringComparison.Ordinal) ? """[{"name":"MedEd","url":"https://med.example/tags/MedEd"}]""" : "[]")}},"mentions":[],"media_attachments":[],"replies_count":0,"reblogs_count":0,"favourites_count":0}""";
}

internal static class RecordAssertions
{
    public static T Should<T>(this ImportRecord record) where T : ImportRecord => Assert.IsType<T>(record);
}
