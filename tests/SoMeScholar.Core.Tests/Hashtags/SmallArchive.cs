using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Tests.Hashtags;

/// <summary>Writes a small hand-made archive through the real <see cref="ArchiveWriter"/>, record by record.</summary>
internal sealed class SmallArchive
{
    private static readonly SourcePosition Here = new("test");
    private readonly List<ImportRecord> _records = [];

    public static DateTime At(string iso) => DateTime.SpecifyKind(DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);

    public SmallArchive Account(string name, params (string At, long Followers)[] snapshots)
    {
        if (snapshots.Length == 0)
        {
            _records.Add(new ImportedAccount { Position = Here, Platform = Platform.Bluesky, ExternalId = Did(name), Handle = name + ".test" });
        }

        foreach (var (at, followers) in snapshots)
        {
            _records.Add(new ImportedAccount
            {
                Position = Here,
                Platform = Platform.Bluesky,
                ExternalId = Did(name),
                Handle = name + ".test",
                DisplayName = name.ToUpperInvariant(),
                Counts = new AccountCounts(followers, 10, null, At(at)),
            });
        }

        return this;
    }

    public SmallArchive Post(string id, string author, string at, PostKind kind = PostKind.Original, string[]? tags = null, string? language = "en",
        string[]? links = null, string[]? mentions = null, string? replyTo = null, string? quoteOf = null, string? repostOf = null, string text = "", string? version = null)
    {
        _records.Add(new ImportedPost
        {
            Position = Here,
            Platform = Platform.Bluesky,
            ExternalId = Uri(author, id),
            AuthorExternalId = Did(author),
            AuthorHandle = author + ".test",
            Kind = kind,
            CreatedAt = At(at),
            Text = text.Length > 0 ? text : $"post {id} " + string.Join(' ', (tags ?? []).Select(t => "#" + t)),
            Language = language,
            Hashtags = tags ?? [],
            Links = links ?? [],
            Mentions = (mentions ?? []).Select(m => new ImportedMention(Did(m), m + ".test")).ToList(),
            ReplyToExternalId = replyTo is null ? null : PostUri(replyTo),
            QuoteOfExternalId = quoteOf is null ? null : PostUri(quoteOf),
            RepostOfExternalId = repostOf is null ? null : PostUri(repostOf),
            Version = version,
        });
        _ids[id] = Uri(author, id);
        return this;
    }

    /// <summary>Names a post written by an earlier archive (another import run), so later records can refer to it.</summary>
    public SmallArchive Known(string id, string author)
    {
        _ids[id] = Uri(author, id);
        return this;
    }

    public SmallArchive Repost(string id, string author, string at, string of) => Post(id, author, at, PostKind.Repost, repostOf: of);

    public SmallArchive Like(string liker, string post, string? at = null)
    {
        _records.Add(new ImportedInteraction
        {
            Position = Here,
            Platform = Platform.Bluesky,
            Kind = InteractionKind.Like,
            NaturalKey = $"like:{liker}:{post}",
            SourceExternalId = Did(liker),
            SubjectPostExternalId = PostUri(post),
            OccurredAt = at is null ? null : At(at),
        });
        return this;
    }

    public SmallArchive Delete(string post)
    {
        _records.Add(new ImportedDeletion { Position = Here, Platform = Platform.Bluesky, ExternalId = PostUri(post), Target = DeletionTarget.Post });
        return this;
    }

    /// <summary>Writes everything; <paramref name="complete"/> false leaves references unlinked, as a live stream does until the run completes.</summary>
    public async Task WriteAsync(ScholarDb db, bool complete = true)
    {
        await using var writer = await ArchiveWriter.StartAsync(db, "test", "test", Platform.Bluesky, null, TimeProvider.System);
        await writer.WriteBatchAsync(_records, null);
        if (complete)
        {
            await writer.CompleteAsync();
        }
    }

    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

    private string PostUri(string id) => _ids.TryGetValue(id, out var uri) ? uri : throw new InvalidOperationException($"post {id} not written yet");

    public static string Did(string name) => "did:plc:" + name;

    private static string Uri(string author, string id) => $"at://{Did(author)}/app.bsky.feed.{"post"}/{id}";
}
