using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using SoMeScholar.Importers.Bluesky;
using SoMeScholar.Importers.Bluesky.Car;
using SoMeScholar.Importers.Csv;
using SoMeScholar.Importers.Mastodon;
using SoMeScholar.Importers.X;

namespace SoMeScholar.Importers.Detection;

/// <summary>Every reader, by format name.</summary>
public static class ImportReaders
{
    public static IReadOnlyList<IImportReader> All { get; } =
    [
        new JetstreamReader(),
        new BlueskyApiReader(),
        new BlueskyCarReader(),
        new MastodonApiReader(),
        new MastodonStreamingReader(),
        new MastodonOutboxReader(),
        new MastodonActorReader(),
        new MastodonLikesReader(),
        new XApiV2Reader(),
        new XV1Reader(),
        new XComplianceReader(users: false),
        new XComplianceReader(users: true),
        new XArchiveReader(XArchivePart.Tweets),
        new XArchiveReader(XArchivePart.Followers),
        new XArchiveReader(XArchivePart.Following),
        new XArchiveReader(XArchivePart.Likes),
        new XArchiveReader(XArchivePart.Account),
        new CsvRecordReader(),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(r => r.Format.Name)];

    public static bool TryGet(string? format, out IImportReader reader)
    {
        reader = All.FirstOrDefault(r => string.Equals(r.Format.Name, format?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return reader is not null;
    }

    public static IImportReader Get(string format) =>
        TryGet(format, out var reader) ? reader : throw new ArgumentException($"Unknown format '{format}'. Known formats: {string.Join(", ", Names)}.", nameof(format));
}

/// <summary>Explicit choices that override detection (<c>--format</c>, <c>--platform</c>) and facts detection cannot know.</summary>
public sealed record DetectionOptions
{
    /// <summary>A format name (see <see cref="ImportReaders.Names"/>): every file is read with it, nothing is sniffed.</summary>
    public string? Format { get; init; }

    /// <summary>Only formats of this platform are accepted; CSV data is assigned to it.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Whose list a followers/following file is (account lists), when the file does not say.</summary>
    public string? OwnerExternalId { get; init; }

    public AccountListRelation Relation { get; init; }

    /// <summary>The Mastodon instance (host) the files came from.</summary>
    public string? Instance { get; init; }

    public InteractionKind? DefaultEdgeKind { get; init; }
}

/// <summary>One file to read, with its reader and the options detection worked out (owner, observation time).</summary>
public sealed record ImportPlanItem(string Path, IImportReader Reader, ReadOptions Options)
{
    public string Format => Reader.Format.Name;

    public Platform Platform => Options.Platform ?? Reader.Format.Platform;

    /// <summary>Reads the file (from a checkpoint when resuming). Open the enumeration once; it owns the file handle.</summary>
    public IEnumerable<ImportRecord> Read(ReadCheckpoint? resume = null, ReadStatistics? statistics = null)
    {
        var options = Options with { Resume = resume, Statistics = statistics ?? Options.Statistics };
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        foreach (var record in Reader.Read(stream, Path, options))
        {
            yield return record;
        }
    }

    /// <summary>The file's content fingerprint (see <see cref="ContentFingerprint"/>).</summary>
    public string Fingerprint() => ContentFingerprint.Of(Path);
}

/// <summary>A file a folder plan leaves out, and why.</summary>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>What an import of a path will read: the files in order, and the files it skips.</summary>
public sealed record ImportPlan(string Path, IReadOnlyList<ImportPlanItem> Items, IReadOnlyList<SkippedFile> Skipped);

/// <summary>Content that no reader recognises; the message names the file.</summary>
public sealed class UnknownFormatException : Exception
{
    public UnknownFormatException()
    {
    }

    public UnknownFormatException(string message)
        : base(message)
    {
    }

    public UnknownFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UnknownFormatException(string path, string message)
        : base(message) => FilePath = path;

    public string? FilePath { get; }
}

/// <summary>
/// Identifies a file's content for resuming: its size and the SHA-256 of its first 64 KiB, as
/// <c>v1:{size}:{hex}</c>. Cheap on any size; a different file at the same path gives a different fingerprint
/// (unless only bytes after the first 64 KiB changed and the size did not).
/// </summary>
public static class ContentFingerprint
{
    public const int HeadBytes = 64 * 1024;

    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Of(stream);
    }

    public static string Of(Stream stream)
    {
        var length = stream.Length;
        stream.Seek(0, SeekOrigin.Begin);
        var head = new byte[(int)Math.Min(HeadBytes, length)];
        stream.ReadExactly(head);
        return $"v1:{length}:{Convert.ToHexStringLower(SHA256.HashData(head))}";
    }
}

/// <summary>
/// Finds the reader for a file or for every file of a folder by looking at the content: the first 64 KiB are
/// sniffed (a JavaScript <c>window.YTD</c> prefix, a CAR header, the keys of the first JSON object, a CSV header),
/// the extension only breaks ties. A folder that is an unzipped account archive is read as one: X (<c>data/account.js</c>
/// gives the owner of <c>tweets.js</c>, <c>follower.js</c>, <c>following.js</c>, <c>like.js</c>) or Mastodon
/// (<c>actor.json</c> gives the owner of <c>outbox.json</c> and <c>likes.json</c>).
/// </summary>
public static class FormatDetector
{
    private const int SniffBytes = 64 * 1024;

    public static ImportPlan Plan(string path, DetectionOptions? options = null)
    {
        options ??= new DetectionOptions();
        if (File.Exists(path))
        {
            var reader = DetectFile(path, options);
            return new ImportPlan(path, [Item(path, reader, options, owner: null)], []);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"No file or folder at '{path}'.", path);
        }

        return PlanFolder(Path.GetFullPath(path), options);
    }

    /// <summary>The reader for one file; throws <see cref="UnknownFormatException"/> naming the file when none fits.</summary>
    public static IImportReader DetectFile(string file, DetectionOptions? options = null)
    {
        options ??= new DetectionOptions();
        if (options.Format is not null)
        {
            return ImportReaders.Get(options.Format);
        }

        var format = Sniff(Head(file), Path.GetFileName(file));
        if (format is null)
        {
            throw new UnknownFormatException(file, $"Cannot tell the format of '{file}': its content is not Jetstream, Bluesky API, a CAR repository, Mastodon API/streaming/archive JSON, X API v2/v1.1/compliance/archive data or CSV. Name the format with --format ({string.Join(", ", ImportReaders.Names)}).");
        }

        var reader = ImportReaders.Get(format);
        if (options.Platform is { } platform && reader.Format.Platform != platform && reader.Format.Platform != Platform.Other)
        {
            throw new UnknownFormatException(file, $"'{file}' looks like {format} ({reader.Format.Platform.ToSlug()}), not {platform.ToSlug()} data as --platform says.");
        }

        return reader;
    }

    private static byte[] Head(string file)
    {
        using var stream = File.OpenRead(file);
        var head = new byte[(int)Math.Min(SniffBytes, stream.Length)];
        stream.ReadExactly(head);
        return head;
    }

    private static ImportPlanItem Item(string file, IImportReader reader, DetectionOptions options, (string? Id, string? Handle)? owner)
    {
        var read = new ReadOptions
        {
            OwnerExternalId = owner?.Id ?? options.OwnerExternalId,
            OwnerHandle = owner?.Handle,
            Relation = options.Relation,
            Instance = options.Instance,
            Platform = reader.Format.Platform == Platform.Other ? options.Platform : null,
            DefaultEdgeKind = options.DefaultEdgeKind,
            ObservedAt = File.GetLastWriteTimeUtc(file),
        };
        return new ImportPlanItem(file, reader, read);
    }

    private static ImportPlan PlanFolder(string folder, DetectionOptions options)
    {
        var items = new List<ImportPlanItem>();
        var skipped = new List<SkippedFile>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        // An unzipped X archive: data/account.js names the owner of everything else.
        var data = Directory.Exists(Path.Combine(folder, "data")) ? Path.Combine(folder, "data") : folder;
        var accountJs = Path.Combine(data, "account.js");
        var tweetFiles = Directory.EnumerateFiles(data, "tweet*.js").Order(StringComparer.Ordinal).ToList();
        if (options.Format is null && (File.Exists(accountJs) || tweetFiles.Count > 0))
        {
            (string? Id, string? Handle) owner = File.Exists(accountJs) ? XArchiveReader.ReadOwner(accountJs) : (null, null);
            if (File.Exists(accountJs))
            {
                items.Add(Item(accountJs, new XArchiveReader(XArchivePart.Account), options, owner));
                claimed.Add(accountJs);
            }

            foreach (var (pattern, part) in new[] { ("tweet*.js", XArchivePart.Tweets), ("follower.js", XArchivePart.Followers), ("following.js", XArchivePart.Following), ("like.js", XArchivePart.Likes) })
            {
                foreach (var file in Directory.EnumerateFiles(data, pattern).Order(StringComparer.Ordinal))
                {
                    if (part == XArchivePart.Tweets && Path.GetFileName(file).StartsWith("tweetdeck", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    items.Add(Item(file, new XArchiveReader(part), options, owner));
                    claimed.Add(file);
                }
            }

            foreach (var file in Directory.EnumerateFiles(data, "*.js"))
            {
                if (claimed.Add(file))
                {
                    skipped.Add(new SkippedFile(file, "X archive part that the archive does not import"));
                }
            }
        }

        // An unzipped Mastodon archive: actor.json names the owner of outbox.json and likes.json.
        var actorJson = Path.Combine(folder, "actor.json");
        var outboxJson = Path.Combine(folder, "outbox.json");
        if (options.Format is null && (File.Exists(actorJson) || File.Exists(outboxJson)))
        {
            (string? Id, string? Handle) owner = File.Exists(actorJson) ? MastodonActorReader.ReadOwner(actorJson) : (null, null);
            foreach (var (file, reader) in new (string, IImportReader)[] { (actorJson, new MastodonActorReader()), (outboxJson, new MastodonOutboxReader()), (Path.Combine(folder, "likes.json"), new MastodonLikesReader()) })
            {
                if (File.Exists(file))
                {
                    items.Add(Item(file, reader, options, owner));
                    claimed.Add(file);
                }
            }

            foreach (var name in new[] { "bookmarks.json" })
            {
                var file = Path.Combine(folder, name);
                if (File.Exists(file) && claimed.Add(file))
                {
                    skipped.Add(new SkippedFile(file, "Mastodon archive part that the archive does not import"));
                }
            }
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (claimed.Contains(file))
            {
                continue;
            }

            var relative = Path.GetRelativePath(folder, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')) || relative.StartsWith("media_attachments", StringComparison.Ordinal) || relative.Contains("_media" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                skipped.Add(new SkippedFile(file, "hidden file or media"));
                continue;
            }

            try
            {
                items.Add(Item(file, DetectFile(file, options), options, owner: null));
            }
            catch (UnknownFormatException unknown)
            {
                skipped.Add(new SkippedFile(file, unknown.Message));
            }
        }

        if (items.Count == 0)
        {
            throw new UnknownFormatException(folder, $"Nothing in '{folder}' is a format SoMeScholar reads ({skipped.Count} files looked at). Name the format with --format.");
        }

        return new ImportPlan(folder, items, skipped);
    }

    /// <summary>The format name for content beginning with <paramref name="head"/>, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        var body = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        body = body.TrimStart(" \t\r\n"u8);
        if (body.IsEmpty)
        {
            return null;
        }

        if (body.StartsWith("window.YTD."u8))
        {
            var name = body["window.YTD."u8.Length..];
            var dot = name.IndexOf((byte)'.');
            var part = dot < 0 ? "" : Encoding.ASCII.GetString(name[..dot]);
            return part switch
            {
                "tweets" or "tweet" => XArchiveReader.TweetsDefinition.Name,
                "follower" => XArchiveReader.FollowersDefinition.Name,
                "following" => XArchiveReader.FollowingDefinition.Name,
                "like" => XArchiveReader.LikesDefinition.Name,
                "account" => XArchiveReader.AccountDefinition.Name,
                _ => null,
            };
        }

        if (LooksLikeCar(head))
        {
            return BlueskyCarReader.Definition.Name;
        }

        if (body[0] is (byte)'{' or (byte)'[')
        {
            return SniffJson(body, fileName);
        }

        return LooksLikeCsv(body, fileName) ? CsvRecordReader.Definition.Name : null;
    }

    private static bool LooksLikeCar(ReadOnlySpan<byte> head)
    {
        var offset = 0;
        if (!Varint.TryRead(head, ref offset, out var length) || length is < 10 or > 4096 || offset >= head.Length)
        {
            return false;
        }

        var header = head[offset..(int)Math.Min(head.Length, offset + (int)length)];
        return (header[0] & 0xE0) == 0xA0 && header.IndexOf("roots"u8) >= 0 && header.IndexOf("version"u8) >= 0;
    }

    private sealed class JsonShape
    {
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Strings { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, JsonTokenType> FirstItem { get; } = new(StringComparer.Ordinal);
        public bool RootIsArray { get; set; }
        public bool CompleteFirstLine { get; set; }
    }

    private static string? SniffJson(ReadOnlySpan<byte> body, string fileName)
    {
        var shape = Shape(body);
        var k = shape.Keys;
        var type = shape.Strings.GetValueOrDefault("type");
        var lower = fileName.ToLowerInvariant();
        if (k.Contains("did") && k.Contains("time_us") && k.Contains("kind"))
        {
            return JetstreamReader.Definition.Name;
        }

        if (k.Contains("event") && k.Contains("payload"))
        {
            return MastodonStreamingReader.Definition.Name;
        }

        if ((k.Contains("orderedItems") || k.Contains("items")) && (type is "OrderedCollection" or "Collection" or "OrderedCollectionPage" || k.Contains("@context")))
        {
            var first = shape.FirstItem.GetValueOrDefault("orderedItems", shape.FirstItem.GetValueOrDefault("items"));
            return first == JsonTokenType.String || lower.Contains("like", StringComparison.Ordinal) ? MastodonLikesReader.Definition.Name : MastodonOutboxReader.Definition.Name;
        }

        if (type is "Person" or "Service" or "Application" or "Group" or "Organization" && (k.Contains("preferredUsername") || k.Contains("inbox")))
        {
            return MastodonActorReader.Definition.Name;
        }

        if (k.Contains("__twarc") || k.Contains("includes") || (k.Contains("data") && (k.Contains("meta") || k.Contains("errors") || k.Contains("matching_rules"))) || (k.Contains("data") && k.Count <= 3 && !k.Contains("did")))
        {
            return XApiV2Reader.Definition.Name;
        }

        if (k.Contains("id_str") || k.Contains("extended_tweet") || k.Contains("retweeted_status") || (k.Contains("delete") && !k.Contains("event")))
        {
            return XV1Reader.Definition.Name;
        }

        if (k.Contains("id") && k.Contains("action") && (k.Contains("reason") || k.Contains("created_at")))
        {
            return lower.Contains("user", StringComparison.Ordinal) ? XComplianceReader.UsersDefinition.Name : XComplianceReader.TweetsDefinition.Name;
        }

        if (k.Contains("posts") || k.Contains("feed") || k.Contains("follows") || k.Contains("followers") || k.Contains("profiles") || k.Contains("records") || k.Contains("repostedBy")
            || (k.Contains("likes") && k.Contains("uri")) || (k.Contains("uri") && k.Contains("cid") && k.Contains("author")) || (k.Contains("did") && k.Contains("handle")))
        {
            return BlueskyApiReader.Definition.Name;
        }

        if ((k.Contains("uri") && (k.Contains("account") || k.Contains("content"))) || (k.Contains("acct") && k.Contains("username")) || k.Contains("ancestors") || k.Contains("descendants"))
        {
            return MastodonApiReader.Definition.Name;
        }

        return null;
    }

    /// <summary>The keys (and string values) of the first JSON object, read from a possibly cut-off head.</summary>
    private static JsonShape Shape(ReadOnlySpan<byte> body)
    {
        var shape = new JsonShape();
        var reader = new Utf8JsonReader(body, isFinalBlock: false, state: default);
        var objectDepth = -1;
        string? pendingKey = null;
        string? arrayKey = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray when reader.CurrentDepth == 0:
                        shape.RootIsArray = true;
                        break;
                    case JsonTokenType.StartObject when objectDepth < 0:
                        objectDepth = reader.CurrentDepth + 1;
                        break;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == objectDepth:
                        pendingKey = reader.GetString();
                        shape.Keys.Add(pendingKey!);
                        continue;
                    case JsonTokenType.String when pendingKey is not null && reader.CurrentDepth == objectDepth:
                        shape.Strings[pendingKey] = reader.GetString() ?? "";
                        break;
                    case JsonTokenType.StartArray when pendingKey is not null && reader.CurrentDepth == objectDepth:
                        arrayKey = pendingKey;
                        break;
                    case JsonTokenType.EndObject when reader.CurrentDepth == objectDepth - 1:
                        return shape;
                }

                if (arrayKey is not null && reader.CurrentDepth == objectDepth + 1 && reader.TokenType != JsonTokenType.StartArray)
                {
                    shape.FirstItem.TryAdd(arrayKey, reader.TokenType);
                    arrayKey = null;
                }

                pendingKey = null;
            }
        }
        catch (JsonException)
        {
            // A cut-off or broken head: decide on what was read.
        }

        return shape;
    }

    private static bool LooksLikeCsv(ReadOnlySpan<byte> body, string fileName)
    {
        if (body.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var end = body.Length;
        if (end == SniffBytes || !Utf8.IsValid(body))
        {
            // A cut-off head may split a character: judge the complete lines.
            var lastNewline = body.LastIndexOf((byte)'\n');
            end = lastNewline > 0 ? lastNewline : end;
        }

        var text = Encoding.UTF8.GetString(body[..end]);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(20).Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            return false;
        }

        var first = lines[0].ToLowerInvariant();
        string[] headerWords = ["source", "target", "vertex 1", "vertex 2", "imported id", "tweet", "relationship", "author", "text", "created_at"];
        if (headerWords.Count(w => first.Contains(w, StringComparison.Ordinal)) >= 2)
        {
            return true;
        }

        // A plain edge list: every line has two or three fields.
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var plain = lines.All(l => l.Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries).Length is 2 or 3);
        return plain && (extension is ".csv" or ".tsv" or ".txt" or ".edges" or ".edgelist" or ".el" or "" || lines.Count >= 2);
    }
}
