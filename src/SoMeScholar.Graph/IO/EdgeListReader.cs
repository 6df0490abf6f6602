using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SoMeScholar.Graph.IO;

public sealed record EdgeListOptions
{
    /// <summary>Whether edges have a direction (source → target). Default true.</summary>
    public bool Directed { get; init; } = true;

    public GraphBuilderOptions Builder { get; init; } = new();
}

/// <summary>
/// Reads edge lists: one edge per line, <c>source target [weight]</c>, separated by spaces or tabs. Lines that are empty
/// or start with <c>#</c> or <c>%</c> are skipped. A file ending in <c>.gz</c> is decompressed. Ids are any
/// non-whitespace text (UTF-8); a weight is a finite number in invariant culture. A line with one field, more than
/// three fields or a bad weight raises <see cref="GraphFormatException"/> naming the file and line.
/// </summary>
/// <remarks>Streams the file in 1 MiB blocks; ids are looked up without allocating strings for ids already seen.</remarks>
public static class EdgeListReader
{
    public static CsrGraph Read(string path, EdgeListOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path, options);
    }

    /// <summary>Reads from a stream; <paramref name="name"/> is used in error messages, and a name ending in .gz means
    /// the stream is gzip-compressed.</summary>
    public static CsrGraph Read(Stream stream, string name, EdgeListOptions? options = null)
    {
        options ??= new EdgeListOptions();
        var builder = new GraphBuilder(options.Directed, options.Builder);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            ReadLines(gzip, name, builder);
        }
        else
        {
            ReadLines(stream, name, builder);
        }

        return builder.Build();
    }

    private static void ReadLines(Stream stream, string name, GraphBuilder builder)
    {
        var buffer = new byte[1 << 20];
        var filled = 0;
        long line = 0;
        var chars = new char[256];
        var first = true;
        while (true)
        {
            int read;
            try
            {
                read = stream.Read(buffer, filled, buffer.Length - filled);
            }
            catch (InvalidDataException e)
            {
                throw new GraphFormatException(name, line + 1, "the file is not valid gzip data", e);
            }

            var end = filled + read;
            var atEnd = read == 0;
            var start = 0;
            if (first && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
            {
                start = 3;
            }

            first = false;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline < 0)
                {
                    if (atEnd && start < end)
                    {
                        line++;
                        ParseLine(buffer.AsSpan(start, end - start), name, line, builder, ref chars);
                        start = end;
                    }

                    break;
                }

                line++;
                ParseLine(buffer.AsSpan(start, newline - start), name, line, builder, ref chars);
                start = newline + 1;
            }

            if (atEnd)
            {
                return;
            }

            // Keep the partial line; grow the buffer if one line fills it.
            filled = end - start;
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, filled);
            }
            else if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    private static void ParseLine(ReadOnlySpan<byte> text, string name, long line, GraphBuilder builder, ref char[] chars)
    {
        if (!text.IsEmpty && text[^1] == '\r')
        {
            text = text[..^1];
        }

        var position = 0;
        var source = NextField(text, ref position);
        if (source.IsEmpty || source[0] == '#' || source[0] == '%')
        {
            return;
        }

        var target = NextField(text, ref position);
        if (target.IsEmpty)
        {
            throw new GraphFormatException(name, line, $"expected 'source target [weight]' but found one field '{Show(source)}'");
        }

        var weightText = NextField(text, ref position);
        var extra = NextField(text, ref position);
        if (!extra.IsEmpty)
        {
            throw new GraphFormatException(name, line, $"expected 'source target [weight]' but found a fourth field '{Show(extra)}'");
        }

        double weight = 0;
        if (!weightText.IsEmpty && (!double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight)))
        {
            throw new GraphFormatException(name, line, $"the weight '{Show(weightText)}' is not a finite number");
        }

        int s, t;
        try
        {
            s = builder.AddNode(Decode(source, ref chars));
            t = builder.AddNode(Decode(target, ref chars));
        }
        catch (DecoderFallbackException e)
        {
            throw new GraphFormatException(name, line, "a node id is not valid UTF-8", e);
        }

        if (weightText.IsEmpty)
        {
            builder.AddEdge(s, t);
        }
        else
        {
            builder.AddEdge(s, t, weight);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> field, ref char[] chars)
    {
        if (chars.Length < field.Length)
        {
            chars = new char[Math.Max(field.Length, chars.Length * 2)];
        }

        var count = StrictUtf8.GetChars(field, chars);
        return chars.AsSpan(0, count);
    }

    private static ReadOnlySpan<byte> NextField(ReadOnlySpan<byte> text, ref int position)
    {
        while (position < text.Length && (text[position] == ' ' || text[position] == '\t'))
        {
            position++;
        }

        var start = position;
        while (position < text.Length && text[position] != ' ' && text[position] != '\t')
        {
            position++;
        }

        return text[start..position];
    }

    private static string Show(ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field);
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
