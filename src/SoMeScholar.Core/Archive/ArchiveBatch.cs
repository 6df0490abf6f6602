using SoMeScholar.Importers;

namespace SoMeScholar.Core.Archive;

/// <summary>What a batch says about one account, merged in record order: later known values win, unknown ones never erase.</summary>
internal sealed class AccountStage(int seq, Platform platform, string externalId)
{
    public int Seq { get; } = seq;
    public Platform Platform { get; } = platform;
    public string ExternalId { get; } = externalId;

    /// <summary>A handle the account itself reported (profile, identity event): replaces the stored one.</summary>
    public string? HandleSet { get; set; }

    /// <summary>A handle seen in a reference (an author, a mention): fills a missing handle only.</summary>
    public string? HandleFill { get; set; }

    public string? DisplayName { get; set; }
    public string? Bio { get; set; }
    public string? ProfileUrl { get; set; }
    public string? AvatarUrl { get; set; }
    public DateTime? CreatedAt { get; set; }
    public AccountStatus? Status { get; set; }
    public bool HasInfo { get; set; }
}

/// <summary>One post of a batch (the first record of its key), with the content of its newest version in the batch.</summary>
internal sealed class PostStage(int seq, ImportedPost first)
{
    public int Seq { get; } = seq;
    public ImportedPost First { get; } = first;
    public ImportedPost Content { get; set; } = first;
    public int Records { get; set; } = 1;
}

internal sealed class EdgeStage(int seq, ImportedInteraction first)
{
    public int Seq { get; } = seq;
    public ImportedInteraction First { get; } = first;
}

internal sealed class DeletionStage(int seq, ImportedDeletion first)
{
    public int Seq { get; } = seq;
    public ImportedDeletion First { get; } = first;
}

/// <summary>
/// A batch of records sorted by kind and merged by natural key, in C#, before anything touches the store: one entry
/// per account, post, edge and deletion key. Records that would not fit the store (a field longer than its column,
/// text with a NUL character or a broken surrogate pair) become rejections here, so the set-based statements never
/// fail on one bad record.
/// </summary>
internal sealed class ArchiveBatch
{
    private readonly Dictionary<(Platform, string), AccountStage> _accounts = [];
    private readonly Dictionary<(Platform, string), PostStage> _posts = [];
    private readonly Dictionary<(Platform, string), EdgeStage> _edges = [];
    private readonly Dictionary<(Platform, string, bool), DeletionStage> _deletions = [];
    private readonly Dictionary<(Platform, string, DateTime), AccountCounts> _snapshots = [];

    public List<AccountStage> Accounts { get; } = [];
    public List<PostStage> Posts { get; } = [];
    public List<EdgeStage> Edges { get; } = [];
    public List<DeletionStage> Deletions { get; } = [];
    public List<RejectedRecord> Rejected { get; } = [];
    public IEnumerable<KeyValuePair<(Platform Platform, string ExternalId, DateTime ObservedAt), AccountCounts>> Snapshots => _snapshots;

    public long PostRecords { get; private set; }
    public long EdgeRecords { get; private set; }
    public long DeletionRecords { get; private set; }
    public long Records { get; private set; }

    public static ArchiveBatch From(IReadOnlyList<ImportRecord> records)
    {
        var batch = new ArchiveBatch();
        foreach (var record in records)
        {
            batch.Add(record);
        }

        return batch;
    }

    public void Add(ImportRecord record)
    {
        Records++;
        if (Validate(record) is { } rejected)
        {
            Rejected.Add(rejected);
            return;
        }

        switch (record)
        {
            case ImportedAccount account:
                AddAccount(account);
                break;
            case ImportedPost post:
                AddPost(post);
                break;
            case ImportedInteraction interaction:
                AddEdge(interaction);
                break;
            case ImportedDeletion deletion:
                DeletionRecords++;
                if (!_deletions.ContainsKey((deletion.Platform, deletion.ExternalId, deletion.IsLocalId)))
                {
                    var stage = new DeletionStage(Deletions.Count + 1, deletion);
                    _deletions[(deletion.Platform, deletion.ExternalId, deletion.IsLocalId)] = stage;
                    Deletions.Add(stage);
                }

                break;
            case ImportedAccountStatus status:
                var target = Account(status.Platform, status.ExternalId);
                target.HandleSet = status.Handle ?? target.HandleSet;
                target.Status = status.Status ?? target.Status;
                target.HasInfo = true;
                break;
            case RejectedRecord rejection:
                Rejected.Add(rejection);
                break;
            default:
                throw new InvalidOperationException($"Unknown record type {record.GetType().Name}.");
        }
    }

    public AccountStage Account(Platform platform, string externalId)
    {
        if (!_accounts.TryGetValue((platform, externalId), out var account))
        {
            account = new AccountStage(Accounts.Count + 1, platform, externalId);
            _accounts[(platform, externalId)] = account;
            Accounts.Add(account);
        }

        return account;
    }

    private void Reference(Platform platform, string? externalId, string? handle = null)
    {
        if (externalId is null)
        {
            return;
        }

        var account = Account(platform, externalId);
        if (handle is not null && account.HandleFill is null)
        {
            account.HandleFill = handle.TrimStart('@');
        }
    }

    private void AddAccount(ImportedAccount record)
    {
        var account = Account(record.Platform, record.ExternalId);
        account.HandleSet = record.Handle ?? account.HandleSet;
        account.DisplayName = record.DisplayName ?? account.DisplayName;
        account.Bio = record.Bio ?? account.Bio;
        account.ProfileUrl = record.ProfileUrl ?? account.ProfileUrl;
        account.AvatarUrl = record.AvatarUrl ?? account.AvatarUrl;
        account.CreatedAt = record.CreatedAt ?? account.CreatedAt;
        account.HasInfo = true;
        if (record.Counts is { } counts)
        {
            _snapshots.TryAdd((record.Platform, record.ExternalId, Stager.Utc(counts.ObservedAt)), counts);
        }
    }

    private void AddPost(ImportedPost post)
    {
        PostRecords++;
        Reference(post.Platform, post.AuthorExternalId, post.AuthorHandle);
        Reference(post.Platform, post.ReplyToAuthorExternalId);
        Reference(post.Platform, post.QuoteOfAuthorExternalId);
        Reference(post.Platform, post.RepostOfAuthorExternalId);
        foreach (var mention in post.Mentions)
        {
            Reference(post.Platform, mention.ExternalId, mention.Handle);
        }

        if (_posts.TryGetValue((post.Platform, post.ExternalId), out var stage))
        {
            // A later version in the same batch: its content wins, as it would record by record.
            stage.Records++;
            if (post.Version is not null && !string.Equals(post.Version, stage.Content.Version, StringComparison.Ordinal))
            {
                stage.Content = post;
            }

            return;
        }

        stage = new PostStage(Posts.Count + 1, post);
        _posts[(post.Platform, post.ExternalId)] = stage;
        Posts.Add(stage);
    }

    private void AddEdge(ImportedInteraction interaction)
    {
        EdgeRecords++;
        Reference(interaction.Platform, interaction.SourceExternalId);
        Reference(interaction.Platform, interaction.TargetExternalId);
        if (!_edges.ContainsKey((interaction.Platform, interaction.NaturalKey)))
        {
            var stage = new EdgeStage(Edges.Count + 1, interaction);
            _edges[(interaction.Platform, interaction.NaturalKey)] = stage;
            Edges.Add(stage);
        }
    }

    // Column limits of the archive tables (ArchiveModelConfiguration); a value beyond them is the record's fault.
    private const int ExternalIdLength = 512;
    private const int HandleLength = 256;
    private const int NameLength = 512;
    private const int UrlLength = 2048;
    private const int VersionLength = 128;
    private const int LocalIdLength = 128;
    private const int LanguageLength = 32;
    private const int KeyLength = 1100;
    private const int TagLength = 640;
    private const int MediaTypeLength = 64;

    /// <summary>A rejection when a field of <paramref name="record"/> cannot be stored as it is, else null.</summary>
    public static RejectedRecord? Validate(ImportRecord record) => record switch
    {
        ImportedAccount a => Check(a, ("externalId", a.ExternalId, ExternalIdLength), ("handle", a.Handle, HandleLength), ("displayName", a.DisplayName, NameLength),
            ("bio", a.Bio, int.MaxValue), ("profileUrl", a.ProfileUrl, UrlLength), ("avatarUrl", a.AvatarUrl, UrlLength)),
        ImportedPost p => Check(p, ("externalId", p.ExternalId, ExternalIdLength), ("authorExternalId", p.AuthorExternalId, ExternalIdLength), ("text", p.Text, int.MaxValue),
                ("version", p.Version, VersionLength), ("localId", p.LocalId, LocalIdLength), ("url", p.Url, UrlLength), ("authorHandle", p.AuthorHandle, HandleLength),
                ("language", p.Language, LanguageLength), ("replyTo", p.ReplyToExternalId, ExternalIdLength), ("replyToLocalId", p.ReplyToLocalId, LocalIdLength),
                ("replyToAuthor", p.ReplyToAuthorExternalId, ExternalIdLength), ("replyRoot", p.ReplyRootExternalId, ExternalIdLength),
                ("quoteOf", p.QuoteOfExternalId, ExternalIdLength), ("quoteOfLocalId", p.QuoteOfLocalId, LocalIdLength), ("quoteOfAuthor", p.QuoteOfAuthorExternalId, ExternalIdLength),
                ("repostOf", p.RepostOfExternalId, ExternalIdLength), ("repostOfAuthor", p.RepostOfAuthorExternalId, ExternalIdLength))
            ?? CheckParts(p),
        ImportedInteraction i => Check(i, ("naturalKey", i.NaturalKey, KeyLength), ("source", i.SourceExternalId, ExternalIdLength), ("target", i.TargetExternalId, ExternalIdLength),
            ("subject", i.SubjectPostExternalId, ExternalIdLength)),
        ImportedDeletion d => Check(d, ("externalId", d.ExternalId, KeyLength - 6)),
        ImportedAccountStatus s => Check(s, ("externalId", s.ExternalId, ExternalIdLength), ("handle", s.Handle, HandleLength)),
        _ => null,
    };

    private static RejectedRecord? CheckParts(ImportedPost post)
    {
        foreach (var tag in post.Hashtags)
        {
            if (Problem(tag, TagLength) is { } problem)
            {
                return Reject(post, "hashtags", problem, tag);
            }
        }

        foreach (var link in post.Links)
        {
            if (Problem(link, UrlLength) is { } problem)
            {
                return Reject(post, "links", problem, link);
            }
        }

        foreach (var mention in post.Mentions)
        {
            if ((Problem(mention.ExternalId, ExternalIdLength) ?? Problem(mention.Handle, HandleLength)) is { } problem)
            {
                return Reject(post, "mentions", problem, mention.ExternalId ?? mention.Handle);
            }
        }

        foreach (var media in post.Media)
        {
            if ((Problem(media.Url, UrlLength) ?? Problem(media.MediaType, MediaTypeLength) ?? Problem(media.AltText, int.MaxValue)) is { } problem)
            {
                return Reject(post, "media", problem, media.Url);
            }
        }

        return null;
    }

    private static RejectedRecord? Check(ImportRecord record, params (string Field, string? Value, int Length)[] fields)
    {
        foreach (var (field, value, length) in fields)
        {
            if (Problem(value, length) is { } problem)
            {
                return Reject(record, field, problem, value);
            }
        }

        return null;
    }

    private static RejectedRecord Reject(ImportRecord record, string field, string problem, string? value) => new()
    {
        Position = record.Position.WithField(field),
        Reason = problem,
        Excerpt = value is null ? null : value.Length > 300 ? value[..300] : value,
    };

    /// <summary>Why <paramref name="value"/> cannot be stored in a column of <paramref name="length"/> characters, or null.</summary>
    internal static string? Problem(string? value, int length)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > length)
        {
            return $"oversize field: {value.Length} characters, at most {length}";
        }

        var span = value.AsSpan();
        if (span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return span.Contains('\0') ? "the text contains a NUL character" : null;
        }

        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c == '\0')
            {
                return "the text contains a NUL character";
            }

            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "the text is not valid Unicode (an unpaired surrogate)";
            }
        }

        return null;
    }
}
