using System.Globalization;

namespace SoMeScholar.Importers;

/// <summary>How a format is cut into the units a checkpoint points at.</summary>
public enum ResumeUnit
{
    /// <summary>One JSON value or CSV row per line: a checkpoint is the byte offset of a line start.</summary>
    Line,

    /// <summary>Elements of a JSON document (an array or an ActivityStreams collection): the byte offset of an element.</summary>
    Element,

    /// <summary>Blocks of a CAR file: the byte offset of a block.</summary>
    Block,
}

/// <summary>A format a reader understands: its stable name (used by <c>--format</c> and stored on each import run).</summary>
public sealed record ImportFormat(string Name, Platform Platform, ResumeUnit Unit, string Description);

/// <summary>
/// A pure reader: turns a stream in one format into neutral <see cref="ImportRecord"/>s. Readers are stateless and
/// thread-safe; all state of a read lives in the enumeration. Memory does not grow with the size of the input (the
/// exception is <c>bluesky-car</c>, which keeps one entry per record of the repository, see its documentation).
/// Bad input never throws: a malformed record becomes a <see cref="RejectedRecord"/> with its position, and reading
/// continues. Only I/O errors of the stream itself and cancellation escape.
/// </summary>
public interface IImportReader
{
    ImportFormat Format { get; }

    /// <summary>
    /// Reads <paramref name="stream"/> from its start (or from <see cref="ReadOptions.Resume"/>). <paramref name="source"/>
    /// names the input in every <see cref="SourcePosition"/> (a path or a URL).
    /// </summary>
    IEnumerable<ImportRecord> Read(Stream stream, string source, ReadOptions options);
}

/// <summary>Which side of an account list the owner is on (followers/following pages and archive files).</summary>
public enum AccountListRelation
{
    /// <summary>The list is a plain list of accounts; no follow edges are made.</summary>
    None,

    /// <summary>Every listed account follows the owner.</summary>
    Followers,

    /// <summary>The owner follows every listed account.</summary>
    Following,
}

/// <summary>Options of one read. Everything is optional; a reader ignores what its format does not need.</summary>
public sealed record ReadOptions
{
    public static ReadOptions Default { get; } = new();

    /// <summary>Where an interrupted read restarts (from <see cref="ReadCheckpoint.After"/> of the last stored record).</summary>
    public ReadCheckpoint? Resume { get; init; }

    /// <summary>
    /// The account that owns the data when the payload does not say: the X archive owner (from <c>data/account.js</c>),
    /// the Mastodon archive actor, the subject of a followers/following list.
    /// </summary>
    public string? OwnerExternalId { get; init; }

    public string? OwnerHandle { get; init; }

    /// <summary>For account lists: how the listed accounts relate to <see cref="OwnerExternalId"/>.</summary>
    public AccountListRelation Relation { get; init; }

    /// <summary>
    /// When the counts in the payload were observed (follower snapshots), when the payload does not say. The file
    /// plan sets it to the file's last write time so that re-importing the same file adds no new snapshot; the live
    /// clients set it to the fetch time. Without it, counts are left out unless the payload carries a time.
    /// </summary>
    public DateTime? ObservedAt { get; init; }

    /// <summary>The Mastodon instance (host) the payload came from; qualifies local ids (<see cref="ImportedPost.LocalId"/>).</summary>
    public string? Instance { get; init; }

    /// <summary>The platform of data whose format does not say (CSV).</summary>
    public Platform? Platform { get; init; }

    /// <summary>The edge kind of CSV edge rows without a kind column (default <see cref="InteractionKind.Follow"/>).</summary>
    public InteractionKind? DefaultEdgeKind { get; init; }

    /// <summary>The largest unit (line, element, block) accepted; larger ones are rejected as oversize.</summary>
    public int MaxRecordBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Counters the reader updates (records, rejected, ignored by kind). Not thread-safe; one per read.</summary>
    public ReadStatistics? Statistics { get; init; }
}

/// <summary>
/// Where to restart a read: the byte offset and line of a unit (see <see cref="ResumeUnit"/>) and how many of that
/// unit's records were already stored. Stored as text in the archive (<see cref="ToString"/>, <see cref="TryParse"/>).
/// </summary>
public readonly record struct ReadCheckpoint(long Offset, long Line, int Skip)
{
    /// <summary>The checkpoint that resumes right after <paramref name="record"/> (which was stored).</summary>
    public static ReadCheckpoint After(ImportRecord record)
    {
        var position = record.Position;
        return new ReadCheckpoint(position.ByteOffset ?? 0, position.Line ?? 0, position.Index + 1);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Offset}:{Line}:{Skip}");

    public static ReadCheckpoint Parse(string text) =>
        TryParse(text, out var checkpoint) ? checkpoint : throw new FormatException($"'{text}' is not a read checkpoint (offset:line:skip)");

    public static bool TryParse(string? text, out ReadCheckpoint checkpoint)
    {
        checkpoint = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split(':');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var skip))
        {
            return false;
        }

        checkpoint = new ReadCheckpoint(offset, line, skip);
        return true;
    }
}

/// <summary>What a read saw: units, records, rejections, and what it skipped on purpose (by kind).</summary>
public sealed class ReadStatistics
{
    private readonly Dictionary<string, long> _ignored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _notices = new(StringComparer.Ordinal);

    /// <summary>Lines, elements or blocks read.</summary>
    public long Units { get; internal set; }

    public long Records { get; internal set; }

    public long Rejected { get; internal set; }

    /// <summary>Input deliberately not imported, by kind (e.g. <c>app.bsky.graph.block</c>, <c>empty line</c>).</summary>
    public IReadOnlyDictionary<string, long> Ignored => _ignored;

    /// <summary>Things worth telling the user that are not errors (API error entries, dropped facets).</summary>
    public IReadOnlyDictionary<string, long> Notices => _notices;

    public long IgnoredTotal
    {
        get
        {
            long total = 0;
            foreach (var count in _ignored.Values)
            {
                total += count;
            }

            return total;
        }
    }

    internal void Ignore(string what) => _ignored[what] = _ignored.GetValueOrDefault(what) + 1;

    internal void Notice(string what) => _notices[what] = _notices.GetValueOrDefault(what) + 1;
}
