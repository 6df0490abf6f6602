using System.Text;
using System.Text.Json;

namespace SoMeScholar.Importers.Reading;

/// <summary>
/// The mutable state of one read: where the current unit is, the field being read (for error messages), the output
/// of the unit and scratch space the parsers reuse so a record costs as few allocations as possible.
/// </summary>
internal sealed class ParseContext(string source, ReadOptions options)
{
    public string Source { get; } = source;

    public ReadOptions Options { get; } = options;

    public ReadStatistics? Statistics { get; } = options.Statistics;

    public List<ImportRecord> Output { get; } = new(8);

    /// <summary>The JSON path of the value being read, below <see cref="FieldPrefix"/>; named in the rejection when reading fails.</summary>
    public string? Field { get; set; }

    /// <summary>Where the object being read sits (e.g. <c>commit.record.</c>); set once per object, not per field.</summary>
    public string? FieldPrefix { get; set; }

    /// <summary>The full path of the field being read, for a rejection.</summary>
    public string? FullField => Field is null ? FieldPrefix?.TrimEnd('.') : FieldPrefix + Field;

    private SourcePosition _unit;
    private int _nextIndex;

    /// <summary>Starts a unit (line, element, block): positions handed out next are relative to it.</summary>
    public void BeginUnit(long? line, long? offset)
    {
        _unit = new SourcePosition(Source, line, offset);
        _nextIndex = 0;
        Field = null;
        FieldPrefix = null;
        Output.Clear();
    }

    public SourcePosition UnitPosition => _unit;

    /// <summary>The position of the next record of the unit.</summary>
    public SourcePosition Next() => _unit with { Index = _nextIndex++ };

    public void Add(ImportRecord record) => Output.Add(record);

    public void Reject(string? field, string reason, ReadOnlySpan<byte> excerpt)
    {
        var position = Next();
        Output.Add(new RejectedRecord
        {
            Position = field is null ? position : position with { Field = field },
            Reason = reason,
            Excerpt = Excerpts.Of(excerpt),
        });
    }

    public void Reject(string? field, string reason, string? excerpt)
    {
        var position = Next();
        Output.Add(new RejectedRecord
        {
            Position = field is null ? position : position with { Field = field },
            Reason = reason,
            Excerpt = excerpt is null ? null : Excerpts.Of(excerpt),
        });
    }

    /// <summary>Drops what the current unit produced so far and rejects it whole (a syntax error in the unit).</summary>
    public void RejectUnit(string? field, string reason, ReadOnlySpan<byte> excerpt)
    {
        Output.Clear();
        _nextIndex = 0;
        Reject(field, reason, excerpt);
    }

    /// <summary>Gives rejections made without an excerpt (rule violations found after parsing) the unit's text.</summary>
    public void FillExcerpts(ReadOnlySpan<byte> unit)
    {
        string? excerpt = null;
        for (var i = 0; i < Output.Count; i++)
        {
            if (Output[i] is RejectedRecord { Excerpt: null } rejected)
            {
                excerpt ??= Excerpts.Of(unit);
                Output[i] = rejected with { Excerpt = excerpt };
            }
        }
    }

    public void RejectUnit(string? field, string reason, string? excerpt)
    {
        Output.Clear();
        _nextIndex = 0;
        Reject(field, reason, excerpt);
    }

    public void Ignore(string what) => Statistics?.Ignore(what);

    public void Notice(string what) => Statistics?.Notice(what);

    /// <summary>Counts the unit's output and rejections.</summary>
    public void EndUnit()
    {
        if (Statistics is null)
        {
            return;
        }

        Statistics.Units++;
        foreach (var record in Output)
        {
            if (record is RejectedRecord)
            {
                Statistics.Rejected++;
            }
            else
            {
                Statistics.Records++;
            }
        }
    }

    // Scratch space reused by the Bluesky parser (one record at a time).
    internal Bluesky.BlueskyDraft BlueskyDraft { get; } = new();

    /// <summary>Interns short repeated values (DIDs, hashtags, language codes) for the whole read.</summary>
    internal StringCache Strings { get; } = new();

    /// <summary>Reads the current JSON string token through <see cref="Strings"/>.</summary>
    internal string? CachedString(ref System.Text.Json.Utf8JsonReader reader) =>
        reader.TokenType == System.Text.Json.JsonTokenType.String && !reader.ValueIsEscaped ? Strings.Get(reader.ValueSpan) : reader.GetString();
}

/// <summary>Short, readable excerpts of bad input for the quarantine.</summary>
internal static class Excerpts
{
    public const int MaxBytes = 300;

    public static string Of(ReadOnlySpan<byte> bytes)
    {
        var slice = bytes.Length > MaxBytes ? bytes[..MaxBytes] : bytes;
        var text = Encoding.UTF8.GetString(slice);
        return bytes.Length > MaxBytes ? text + "…" : text;
    }

    public static string Of(string text) => text.Length > MaxBytes ? string.Concat(text.AsSpan(0, MaxBytes), "…") : text;

    /// <summary>Describes an exception raised while reading malformed input, without a stack trace.</summary>
    public static string Reason(Exception exception) => exception switch
    {
        JsonException json => "malformed JSON: " + json.Message,
        InvalidOperationException op => "unexpected value type: " + op.Message,
        FormatException format => "malformed value: " + format.Message,
        OverflowException overflow => "number out of range: " + overflow.Message,
        _ => exception.GetType().Name + ": " + exception.Message,
    };

    /// <summary>True for the exceptions parsing malformed input raises; the reader turns them into rejections.</summary>
    public static bool IsInputError(Exception exception) =>
        exception is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException
            or IndexOutOfRangeException or KeyNotFoundException or DecoderFallbackException or InvalidDataException;
}
