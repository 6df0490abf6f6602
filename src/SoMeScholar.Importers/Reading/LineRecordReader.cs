using System.Text.Unicode;

namespace SoMeScholar.Importers.Reading;

/// <summary>
/// Base of the line-oriented readers (JSON lines, CSV rows handled separately): splits lines, validates UTF-8,
/// hands each line to <see cref="ParseLine"/>, turns any parse failure into a rejection of that line, honours the
/// resume checkpoint, and counts.
/// </summary>
public abstract class LineRecordReader : IImportReader
{
    public abstract ImportFormat Format { get; }

    public IEnumerable<ImportRecord> Read(Stream stream, string source, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadLines(stream, source, options);
    }

    private IEnumerable<ImportRecord> ReadLines(Stream stream, string source, ReadOptions options)
    {
        var resume = options.Resume;
        using var lines = new LineSplitter(stream, resume?.Offset ?? 0, resume is { } r && r.Line > 0 ? r.Line : 1, options.MaxRecordBytes);
        var context = new ParseContext(source, options);
        var skip = resume?.Skip ?? 0;
        while (lines.TryReadLine(out var line))
        {
            context.BeginUnit(line.Number, line.Offset);
            if (line.Oversize)
            {
                context.Reject(null, $"oversize record: the line has {line.OversizeLength} bytes, more than the {options.MaxRecordBytes}-byte limit", default(ReadOnlySpan<byte>));
            }
            else
            {
                ProcessLine(lines.Span(line), context);
            }

            context.EndUnit();
            var output = context.Output;
            for (var i = skip; i < output.Count; i++)
            {
                yield return output[i];
            }

            skip = 0;
        }
    }

    private void ProcessLine(ReadOnlySpan<byte> line, ParseContext context)
    {
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            context.Ignore("empty line");
            return;
        }

        if (!Utf8.IsValid(line))
        {
            context.Reject(null, $"invalid UTF-8 at byte {InvalidUtf8Offset(line)} of the line", line);
            return;
        }

        try
        {
            ParseLine(line, context);
        }
        catch (Exception exception) when (Excerpts.IsInputError(exception))
        {
            context.RejectUnit(context.FullField, Excerpts.Reason(exception), line);
        }

        context.FillExcerpts(line);
    }

    internal static int InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        Span<char> sink = stackalloc char[256];
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = Utf8.ToUtf16(bytes[offset..], sink, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
            {
                return offset;
            }

            if (status == System.Buffers.OperationStatus.Done)
            {
                break;
            }
        }

        return offset;
    }

    /// <summary>Parses one non-empty, valid UTF-8 line and adds its records (or rejections) to the context.</summary>
    private protected abstract void ParseLine(ReadOnlySpan<byte> line, ParseContext context);
}
