using System.Text.Json;
using System.Text.Unicode;

namespace SoMeScholar.Importers.Reading;

/// <summary>
/// Base of the readers of JSON documents and JSON lines other than Jetstream: cuts the input into units with
/// <see cref="JsonUnitScanner"/>, parses each unit as a <see cref="JsonDocument"/> (units are bounded: a line, an
/// array element, a page), maps it, and turns any failure into a rejection of that unit. Honours resume checkpoints
/// (seeking in JSON lines, skipping earlier units in documents).
/// </summary>
public abstract class JsonUnitRecordReader : IImportReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public abstract ImportFormat Format { get; }

    private protected abstract JsonScanOptions ScanOptions { get; }

    public IEnumerable<ImportRecord> Read(Stream stream, string source, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadUnits(stream, source, options);
    }

    private IEnumerable<ImportRecord> ReadUnits(Stream stream, string source, ReadOptions options)
    {
        var resume = options.Resume;
        using var scanner = new JsonUnitScanner(stream, ScanOptions, options.MaxRecordBytes, resume?.Offset ?? 0, resume is { Line: > 0 } r ? r.Line : 1);
        var context = new ParseContext(source, options);
        var state = CreateState(options);
        var skipBefore = resume is { } from && !scanner.Seeked ? from.Offset : -1;
        var skip = resume?.Skip ?? 0;
        while (scanner.TryRead(out var unit))
        {
            if (unit.Offset < skipBefore)
            {
                continue;
            }

            context.BeginUnit(unit.Line, unit.Offset);
            ProcessUnit(scanner, unit, context, state);
            context.EndUnit();
            var output = context.Output;
            var first = resume is not null && unit.Offset == resume.Value.Offset ? skip : 0;
            for (var i = first; i < output.Count; i++)
            {
                yield return output[i];
            }

            if (unit.Offset >= (resume?.Offset ?? 0))
            {
                skip = 0;
            }
        }

        context.BeginUnit(null, null);
        Finish(context, state);
        foreach (var record in context.Output)
        {
            yield return record;
        }
    }

    private void ProcessUnit(JsonUnitScanner scanner, in JsonUnit unit, ParseContext context, object? state)
    {
        var span = scanner.Span(unit);
        if (unit.Kind == JsonUnitKind.Broken)
        {
            context.Reject(unit.Property, unit.Error ?? "malformed input", span);
            return;
        }

        if (span.Trim(" \t\r\n"u8).IsEmpty)
        {
            context.Ignore("empty line");
            return;
        }

        if (!Utf8.IsValid(span))
        {
            context.Reject(unit.Property, $"invalid UTF-8 at byte {LineRecordReader.InvalidUtf8Offset(span)} of the record", span);
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(scanner.Memory(unit), DocumentOptions);
            ParseUnit(document.RootElement, unit.Kind == JsonUnitKind.Value ? null : unit.Property, unit.Kind, context, state);
        }
        catch (Exception exception) when (Excerpts.IsInputError(exception))
        {
            context.RejectUnit(context.FullField ?? unit.Property, Excerpts.Reason(exception), span);
        }

        context.FillExcerpts(span);
    }

    /// <summary>Per-read state a format keeps across units (none by default).</summary>
    private protected virtual object? CreateState(ReadOptions options) => null;

    /// <summary>
    /// Maps one unit: a whole top-level value (<paramref name="property"/> null), an array element (of
    /// <paramref name="property"/> when it came from an expanded property) or a property of a split object.
    /// </summary>
    private protected abstract void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state);

    /// <summary>Called after the last unit, for records that need the whole input (none by default).</summary>
    private protected virtual void Finish(ParseContext context, object? state)
    {
    }
}
