using SoMeScholar.Importers.X;

namespace SoMeScholar.Importers.Tests.X;

public class XReaderTests
{
    private static readonly XApiV2Reader V2 = new();

    [Fact]
    public void A_retweet_page_gives_both_users_with_snapshots_the_original_first_and_the_retweet()
    {
        var records = Read.Fixture(V2, "twitter/v2/two_tweets.jsonl");

        var accounts = records.OfType<ImportedAccount>();
        Assert.Equal(2, accounts.Count);
        var retweeter = accounts.Single(a => a.ExternalId == "1379899464345923590");
        Assert.Equal("LachiVeronica", retweeter.Handle);
        Assert.Equal(new AccountCounts(0, 4, 2, new DateTime(2021, 5, 18, 19, 37, 38, DateTimeKind.Utc)).Followers, retweeter.Counts!.Followers);
        Assert.Equal(1, accounts.Single(a => a.Handle == "bibaigna96").Counts!.Followers);

        var posts = records.OfType<ImportedPost>();
        Assert.Equal(2, posts.Count);
        var original = posts[0];
        Assert.Equal("1391677057810288641", original.ExternalId);
        Assert.Equal(["POIUYTREWQ"], original.Hashtags);
        Assert.Equal(PostKind.Original, original.Kind);
        var retweet = posts[1];
        Assert.Equal(PostKind.Repost, retweet.Kind);
        Assert.Equal("1391677057810288641", retweet.RepostOfExternalId);
        Assert.Equal("1380086327023169540", retweet.RepostOfAuthorExternalId);
        Assert.Equal("https://x.com/LachiVeronica/status/1394735776701816833", retweet.Url);
        Assert.Null(retweet.Language);
    }

    [Fact]
    public void The_brexit_search_page_gives_every_tweet_once_with_its_kind()
    {
        var statistics = new ReadStatistics();
        var records = Read.Fixture(V2, "twitter/v2/brexit.jsonl", new ReadOptions { Statistics = statistics });

        var posts = records.OfType<ImportedPost>();
        Assert.Equal(155, posts.Count);
        Assert.Equal(155, posts.Select(p => p.ExternalId).Distinct().Count());
        Assert.Equal(177, records.OfType<ImportedAccount>().Count);
        Assert.All(records.OfType<ImportedAccount>(), a => Assert.Equal(new DateTime(2021, 9, 22, 16, 38, 9, DateTimeKind.Utc), a.Counts!.ObservedAt));
        var page = posts.Where(p => p.Position.Index >= 177).ToList();
        var dataTweets = posts.TakeLast(100).ToList();
        Assert.Equal(67, dataTweets.Count(p => p.Kind == PostKind.Repost));
        Assert.Equal(10, dataTweets.Count(p => p.Kind == PostKind.Reply));
        Assert.Equal(11, dataTweets.Count(p => p.Kind == PostKind.Quote));
        Assert.Equal(59, dataTweets.Count(p => p.Hashtags.Any(h => h.Equals("brexit", StringComparison.OrdinalIgnoreCase))));
        Assert.All(dataTweets.Where(p => p.Kind == PostKind.Reply), p => Assert.NotNull(p.ReplyToAuthorExternalId));
        Assert.Empty(records.OfType<RejectedRecord>());
        Assert.NotEmpty(page);
    }

    [Fact]
    public void A_quote_that_replies_keeps_both_links_and_the_last_edit_as_version()
    {
        var records = Read.Fixture(V2, "twitter/v2/quoted_edit.jsonl");

        var post = Assert.Single(records.OfType<ImportedPost>(), p => p.ExternalId == "1576995594388000768");
        Assert.Equal(PostKind.Reply, post.Kind);
        Assert.Equal("1576994789110992896", post.ReplyToExternalId);
        Assert.Equal("337119125", post.ReplyToAuthorExternalId);
        Assert.Equal("1576994746135764992", post.QuoteOfExternalId);
        Assert.Equal("337119125", post.QuoteOfAuthorExternalId);
        Assert.Equal([new ImportedMention("337119125", "wongmjane")], post.Mentions);
        Assert.Equal(["https://twitter.com/wongmjane/status/1576994746135764992"], post.Links);
        var edited = Assert.Single(records.OfType<ImportedPost>(), p => p.ExternalId == "1576994789110992896");
        Assert.Equal("1576994789110992896", edited.Version);
    }

    [Fact]
    public void A_retweet_of_a_tweet_with_eight_mentions_takes_its_author_from_the_included_original()
    {
        var records = Read.Fixture(V2, "twitter/v2/mentions_tweet.jsonl");

        var posts = records.OfType<ImportedPost>();
        Assert.Equal(2, posts.Count);
        var original = posts[0];
        Assert.Equal("1589671906718134272", original.ExternalId);
        Assert.Equal(8, original.Mentions.Count);
        Assert.Contains(new ImportedMention("24742040", "Xbox"), original.Mentions);
        Assert.Empty(original.Links); // its URL entities are X's "show more" link to itself and an attached photo
        var retweet = posts[1];
        Assert.Equal(PostKind.Repost, retweet.Kind);
        Assert.Equal("1221317221714157569", retweet.RepostOfAuthorExternalId);
        Assert.Equal("BaldManGamer", retweet.AuthorHandle);
        Assert.All(records.OfType<ImportedAccount>(), a => Assert.Equal(new DateTime(2023, 1, 5, 17, 34, 4, DateTimeKind.Utc), a.Counts!.ObservedAt));
    }

    [Fact]
    public void A_self_reply_keeps_its_expanded_link_and_an_edited_tweet_its_latest_version()
    {
        var reply = Assert.Single(Read.Fixture(V2, "twitter/v2/many_urls.jsonl").OfType<ImportedPost>(), p => p.ExternalId == "1610692575752601600");
        Assert.Equal(PostKind.Reply, reply.Kind);
        Assert.Equal("1610623087061471232", reply.ReplyToExternalId);
        Assert.Equal("1328271312628936705", reply.ReplyToAuthorExternalId);
        Assert.Equal(["https://uiadrian.gumroad.com/l/web-design-guide/?offer_code=twk0uc9f7"], reply.Links);

        var edited = Read.Fixture(V2, "twitter/v2/edited.jsonl").OfType<ImportedPost>();
        Assert.Equal(2, edited.Count);
        Assert.All(edited, p => Assert.Equal("1576994789110992896", p.Version));
        Assert.Equal(new PostMetrics(12, 2, 27, 2), edited.Single(p => p.ExternalId == "1576994789110992896").Metrics);

        var plain = Assert.Single(Read.Fixture(V2, "twitter/v2/cotweet.jsonl").OfType<ImportedPost>());
        Assert.Equal(("who need they cotwussy tested", PostKind.Original, "en"), (plain.Text, plain.Kind, plain.Language));
        Assert.Equal("https://x.com/staringispolite/status/1577318900085186562", plain.Url);
    }

    [Fact]
    public void A_users_page_gives_accounts_and_counts_its_errors()
    {
        var statistics = new ReadStatistics();
        var records = Read.Fixture(V2, "twitter/v2/users.jsonl", new ReadOptions { Statistics = statistics });

        Assert.Equal(96, records.OfType<ImportedAccount>().Count);
        Assert.Equal(580, records.OfType<ImportedAccount>().First(a => a.ExternalId == "119369819").Counts!.Followers);
        Assert.Equal(7, statistics.Notices["API error: Not Found Error"]);
        Assert.Equal(1, statistics.Notices["API error: Authorization Error"]);
    }

    [Fact]
    public void The_truncated_last_line_of_a_stream_capture_is_rejected_and_the_rest_imports()
    {
        var records = Read.Fixture(V2, "twitter/v2/streaming_output_with_error.jsonl");

        var rejected = Assert.Single(records.OfType<RejectedRecord>());
        Assert.Equal(8, rejected.Position.Line);
        Assert.StartsWith("malformed JSON", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal("{\"data\": {\"author_id\": \"1021159080151404544\"", rejected.Excerpt);
        Assert.True(records.OfType<ImportedPost>().Count >= 7);
        Assert.All(records.Where(r => r is not RejectedRecord), r => Assert.InRange(r.Position.Line!.Value, 1, 7));
    }

    [Fact]
    public void Compliance_results_become_tombstones_for_tweets_and_statuses_for_users()
    {
        var tweets = Read.Fixture(new XComplianceReader(users: false), "twitter/v2/tweets_compliance.jsonl");
        Assert.Equal(["1170025343920402432", "1170147183095664640"], tweets.OfType<ImportedDeletion>().Select(d => d.ExternalId));
        Assert.Equal(new DateTime(2021, 8, 17, 17, 26, 15, 788, DateTimeKind.Utc), tweets.OfType<ImportedDeletion>()[1].OccurredAt);

        var users = Read.Fixture(new XComplianceReader(users: true), "twitter/v2/users_compliance.jsonl");
        Assert.All(users.OfType<ImportedAccountStatus>(), s => Assert.Equal(AccountStatus.Protected, s.Status));
        Assert.Equal(2, users.OfType<ImportedAccountStatus>().Count);
    }

    [Fact]
    public void Classic_tweets_give_originals_before_retweets_full_text_of_extended_tweets_and_user_snapshots()
    {
        var records = Read.Fixture(new XV1Reader(), "twitter/v1.1/original_format_examples.jsonl");

        var posts = records.OfType<ImportedPost>();
        Assert.Equal(36, posts.Count);
        Assert.Empty(records.OfType<RejectedRecord>());
        var retweet = posts.Single(p => p.ExternalId == "867478524235366400");
        Assert.Equal(PostKind.Repost, retweet.Kind);
        Assert.Equal("861651727614746624", retweet.RepostOfExternalId);
        Assert.Equal("2382763597", retweet.RepostOfAuthorExternalId);
        Assert.True(posts.IndexOf(posts.First(p => p.ExternalId == "861651727614746624")) < posts.IndexOf(retweet));
        var extended = posts.First(p => p.ExternalId == "867473446648676352");
        Assert.Equal(189, extended.Text.EnumerateRunes().Count()); // emoji: 263 UTF-16 units
        Assert.Equal(PostKind.Reply, extended.Kind);
        Assert.Equal("863566329168711681", extended.ReplyToExternalId);
        var tagged = posts.Single(p => p.ExternalId == "872836479608733696");
        Assert.Equal(["QuoteTweet", "hashtags"], tagged.Hashtags);
        Assert.Equal(PostKind.Quote, tagged.Kind);
        var snapshot = records.OfType<ImportedAccount>().First(a => a.Handle == "RobotPrincessFi");
        Assert.Equal(new DateTime(2017, 7, 18, 23, 25, 4, DateTimeKind.Utc), snapshot.Counts!.ObservedAt);
        Assert.Equal(new DateTime(2017, 7, 18, 23, 25, 4, DateTimeKind.Utc), posts.Single(p => p.ExternalId == "887453193294282752").CreatedAt);
    }

    [Fact]
    public void An_account_archive_is_read_from_its_javascript_files_with_the_owner_from_account_js()
    {
        using var archive = XArchiveFixture.Create();
        var owner = XArchiveReader.ReadOwner(Path.Combine(archive.Path, "data", "account.js"));
        Assert.Equal(("1000000001", "meded_owner"), owner);
        var options = new ReadOptions { OwnerExternalId = owner.Id, OwnerHandle = owner.Handle };

        var tweets = ReadFile(new XArchiveReader(XArchivePart.Tweets), archive.File("tweets.js"), options);
        var posts = tweets.OfType<ImportedPost>();
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.Equal("1000000001", p.AuthorExternalId));
        var original = posts[0];
        Assert.Equal(["MedEd", "FOAMed"], original.Hashtags);
        Assert.Equal(new PostMetrics(null, 3, 12, null), original.Metrics);
        Assert.Equal("1997370581860180190", original.Version);
        Assert.Equal("https://x.com/meded_owner/status/1997370581860180189", original.Url);
        var reply = posts[1];
        Assert.Equal(PostKind.Reply, reply.Kind);
        Assert.Equal("1994041994348581220", reply.ReplyToExternalId);
        Assert.Equal("1468258371", reply.ReplyToAuthorExternalId);
        var retweet = posts[2];
        Assert.Equal(PostKind.Repost, retweet.Kind);
        Assert.Null(retweet.RepostOfExternalId);
        Assert.Equal("2000000002", retweet.RepostOfAuthorExternalId);
        Assert.StartsWith("RT @colleague:", retweet.Text, StringComparison.Ordinal);

        var followers = ReadFile(new XArchiveReader(XArchivePart.Followers), archive.File("follower.js"), options).OfType<ImportedInteraction>();
        Assert.Equal(["follow:3000000003:1000000001", "follow:3000000004:1000000001"], followers.Select(f => f.NaturalKey));
        var following = ReadFile(new XArchiveReader(XArchivePart.Following), archive.File("following.js"), options).OfType<ImportedInteraction>();
        Assert.Equal("follow:1000000001:2000000002", Assert.Single(following).NaturalKey);
        var likes = ReadFile(new XArchiveReader(XArchivePart.Likes), archive.File("like.js"), options).OfType<ImportedInteraction>();
        Assert.Equal("like:1000000001:1500000000000000001", Assert.Single(likes).NaturalKey);
    }

    [Fact]
    public void Archive_tweets_without_a_known_owner_are_rejected_as_unknown_references()
    {
        using var archive = XArchiveFixture.Create();

        var records = ReadFile(new XArchiveReader(XArchivePart.Tweets), archive.File("tweets.js"), ReadOptions.Default);

        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.StartsWith("unknown reference", Assert.IsType<RejectedRecord>(r).Reason, StringComparison.Ordinal));
    }

    private static List<ImportRecord> ReadFile(XArchiveReader reader, string path, ReadOptions options)
    {
        using var stream = File.OpenRead(path);
        return [.. reader.Read(stream, path, options)];
    }
}
