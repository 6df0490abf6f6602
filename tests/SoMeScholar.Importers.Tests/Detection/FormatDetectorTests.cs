using System.Text;
using SoMeScholar.Importers.Detection;
using SoMeScholar.Importers.Tests.Bluesky;
using SoMeScholar.Importers.Tests.X;
using SoMeScholar.Testing;

namespace SoMeScholar.Importers.Tests.Detection;

public class FormatDetectorTests
{
    [Theory]
    [InlineData("bluesky/jetstream/golden_v1.jsonl", "bluesky-jetstream")]
    [InlineData("bluesky/jetstream/expected_v1.jsonl", "bluesky-jetstream")]
    [InlineData("mastodon/status-example.json", "mastodon-api")]
    [InlineData("mastodon/account-example.json", "mastodon-api")]
    [InlineData("mastodon/status-reply-with-mention.json", "mastodon-api")]
    [InlineData("mastodon/streaming-hashtag-events.ndjson", "mastodon-streaming")]
    [InlineData("twitter/v1.1/original_format_examples.jsonl", "x-v1.1")]
    [InlineData("twitter/v2/brexit.jsonl", "x-api-v2")]
    [InlineData("twitter/v2/two_tweets.jsonl", "x-api-v2")]
    [InlineData("twitter/v2/users.jsonl", "x-api-v2")]
    [InlineData("twitter/v2/streaming_output_with_error.jsonl", "x-api-v2")]
    [InlineData("twitter/v2/tweets_compliance.jsonl", "x-compliance-tweets")]
    [InlineData("twitter/v2/users_compliance.jsonl", "x-compliance-users")]
    public void Every_fixture_is_recognised_by_its_content(string fixture, string format)
    {
        var path = SharedFiles.Fixture(fixture);

        Assert.Equal(format, FormatDetector.DetectFile(path).Format.Name);
    }

    [Fact]
    public void The_extension_does_not_decide_a_jetstream_file_named_like_csv_is_still_jetstream()
    {
        var bytes = File.ReadAllBytes(SharedFiles.Fixture("bluesky/jetstream/golden_v1.jsonl"));

        Assert.Equal("bluesky-jetstream", FormatDetector.Sniff(bytes, "events.csv"));
        Assert.Equal("csv", FormatDetector.Sniff("Source,Target\na,b\n"u8, "edges.json"));
        Assert.Equal("csv", FormatDetector.Sniff("alice bob\nbob carol\n"u8, "network"));
    }

    [Fact]
    public void Bluesky_API_pages_and_a_CAR_repository_are_recognised()
    {
        Assert.Equal("bluesky-api", FormatDetector.Sniff("""{"cursor":"x","hitsTotal":3,"posts":[]}"""u8, "page.json"));
        Assert.Equal("bluesky-api", FormatDetector.Sniff("""{"subject":{"did":"did:plc:a","handle":"a.test"},"follows":[]}"""u8, "follows.json"));
        Assert.Equal("bluesky-api", FormatDetector.Sniff("""{"feed":[{"post":{}}]}"""u8, "feed.json"));
        var commit = CarWriter.Encode(new Dictionary<string, object?> { ["did"] = "did:plc:a", ["version"] = 3 });
        Assert.Equal("bluesky-car", FormatDetector.Sniff(CarWriter.Car(CarWriter.CidOf(commit), [commit]), "repo.bin"));
    }

    [Fact]
    public void Content_no_reader_knows_is_a_clear_error_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"somescholar-unknown-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"hello": "world", "n": 1}""");
        try
        {
            var error = Assert.Throws<UnknownFormatException>(() => FormatDetector.DetectFile(path));
            Assert.Equal(path, error.FilePath);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("--format", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_explicit_format_overrides_detection_and_a_wrong_platform_is_refused()
    {
        var path = SharedFiles.Fixture("mastodon/streaming-hashtag-events.ndjson");

        Assert.Equal("mastodon-api", FormatDetector.DetectFile(path, new DetectionOptions { Format = "mastodon-api" }).Format.Name);
        var error = Assert.Throws<UnknownFormatException>(() => FormatDetector.DetectFile(path, new DetectionOptions { Platform = Platform.Bluesky }));
        Assert.Contains("mastodon-streaming", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FormatDetector.DetectFile(path, new DetectionOptions { Format = "no-such-format" }));
    }

    [Fact]
    public void An_unzipped_X_archive_folder_is_planned_with_the_owner_from_account_js()
    {
        using var archive = XArchiveFixture.Create();

        var plan = FormatDetector.Plan(archive.Path);

        Assert.Equal(["x-archive-account", "x-archive-tweets", "x-archive-followers", "x-archive-following", "x-archive-likes"], plan.Items.Select(i => i.Format));
        Assert.All(plan.Items, i => Assert.Equal("1000000001", i.Options.OwnerExternalId));
        Assert.Contains(plan.Skipped, s => s.Path.EndsWith("manifest.js", StringComparison.Ordinal));
        var records = plan.Items.SelectMany(i => i.Read()).ToList();
        Assert.Empty(records.OfType<RejectedRecord>());
        Assert.Equal(3, records.OfType<ImportedPost>().Count);
        Assert.Equal(4, records.OfType<ImportedInteraction>().Count);
    }

    [Fact]
    public void An_unzipped_Mastodon_archive_folder_reads_actor_then_outbox_then_likes()
    {
        var folder = Directory.CreateTempSubdirectory("somescholar-mastodon-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "actor.json"), """{"@context":"https://www.w3.org/ns/activitystreams","id":"https://med.example/users/owner","type":"Person","preferredUsername":"owner","name":"Dr Owner","summary":"<p>Teacher</p>","inbox":"https://med.example/users/owner/inbox","published":"2018-01-01T00:00:00Z"}""");
            File.WriteAllText(Path.Combine(folder, "outbox.json"), """{"@context":"https://www.w3.org/ns/activitystreams","id":"outbox.json","type":"OrderedCollection","totalItems":1,"orderedItems":[{"id":"https://med.example/users/owner/statuses/1/activity","type":"Create","published":"2026-01-01T00:00:00Z","object":{"id":"https://med.example/users/owner/statuses/1","type":"Note","published":"2026-01-01T00:00:00Z","content":"<p>Hello #MedEd</p>","tag":[{"type":"Hashtag","name":"#MedEd"}]}}]}""");
            File.WriteAllText(Path.Combine(folder, "likes.json"), """{"@context":"https://www.w3.org/ns/activitystreams","id":"likes.json","type":"OrderedCollection","orderedItems":["https://x.example/s/1"]}""");
            File.WriteAllText(Path.Combine(folder, "bookmarks.json"), """{"type":"OrderedCollection","orderedItems":[]}""");
            Directory.CreateDirectory(Path.Combine(folder, "media_attachments"));
            File.WriteAllBytes(Path.Combine(folder, "media_attachments", "a.png"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0]);

            var plan = FormatDetector.Plan(folder);

            Assert.Equal(["mastodon-actor", "mastodon-outbox", "mastodon-likes"], plan.Items.Select(i => i.Format));
            var records = plan.Items.SelectMany(i => i.Read()).ToList();
            var post = Assert.Single(records.OfType<ImportedPost>());
            Assert.Equal("https://med.example/users/owner", post.AuthorExternalId);
            Assert.Equal(["MedEd"], post.Hashtags);
            Assert.Equal("owner@med.example", Assert.Single(records.OfType<ImportedAccount>()).Handle);
            Assert.Equal("like:https://med.example/users/owner:https://x.example/s/1", Assert.Single(records.OfType<ImportedInteraction>()).NaturalKey);
            Assert.Equal(2, plan.Skipped.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_folder_of_mixed_exports_plans_each_file_and_skips_what_it_does_not_know()
    {
        var folder = Directory.CreateTempSubdirectory("somescholar-mixed-").FullName;
        try
        {
            File.Copy(SharedFiles.Fixture("bluesky/jetstream/golden_v1.jsonl"), Path.Combine(folder, "a.jsonl"));
            File.Copy(SharedFiles.Fixture("twitter/v2/two_tweets.jsonl"), Path.Combine(folder, "b.jsonl"));
            File.WriteAllText(Path.Combine(folder, "notes.md"), "# Not data\nJust some words here, nothing more to see\n");

            var plan = FormatDetector.Plan(folder);

            Assert.Equal(["bluesky-jetstream", "x-api-v2"], plan.Items.Select(i => i.Format));
            Assert.Contains(plan.Skipped, s => s.Path.EndsWith("notes.md", StringComparison.Ordinal) && s.Reason.Contains("Cannot tell the format", StringComparison.Ordinal));
            Assert.All(plan.Items, i => Assert.Equal(File.GetLastWriteTimeUtc(i.Path), i.Options.ObservedAt));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_fingerprint_is_stable_for_the_same_content_and_changes_with_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"somescholar-fp-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(path, "{\"a\":1}\n");
            var first = ContentFingerprint.Of(path);
            Assert.Equal(first, ContentFingerprint.Of(path));
            Assert.StartsWith("v1:8:", first, StringComparison.Ordinal);
            File.WriteAllText(path, "{\"a\":2}\n");
            Assert.NotEqual(first, ContentFingerprint.Of(path));
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(new string('x', 100_000)));
            Assert.Equal(64 + "v1:100000:".Length, ContentFingerprint.Of(path).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
