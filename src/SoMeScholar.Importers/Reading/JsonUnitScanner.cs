using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SoMeScholar.Importers.Reading;

internal enum JsonUnitKind
{
    /// <summary>A whole top-level value (a JSON line, or a document that is not split).</summary>
    Value,

    /// <summary>An element of a top-level array, or of an expanded property's array.</summary>
    Element,

    /// <summary>A property of a top-level object that is read property by property.</summary>
    Property,

    /// <summary>Input that is not a JSON value where one was expected, or a value cut off by the end of the file.</summary>
    Broken,
}

internal readonly record struct JsonUnit(JsonUnitKind Kind, int Start, int Length, long Offset, long Line, string? Property, string? Error);

/// <summary>How a document is cut into units.</summary>
internal sealed record JsonScanOptions
{
    /// <summary>Elements of a top-level array are units (a Mastodon status array, <c>tweets.js</c>).</summary>
    public bool SplitRootArrays { get; init; }

    /// <summary>A top-level object is read property by property (ActivityStreams collections).</summary>
    public bool SplitRootObjects { get; init; }

    /// <summary>Properties of a split top-level object whose arrays are read element by element (<c>orderedItems</c>).</summary>
    public IReadOnlySet<string> ExpandedProperties { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>
/// Cuts a stream of JSON into units without holding more than one unit in memory: JSON lines (when the first line
/// is a complete value and more follows), or top-level values whose arrays and objects may be split into elements
/// and properties. Skips a JavaScript prefix before the first bracket (<c>window.YTD.tweets.part0 = [</c>) and a
/// trailing <c>;</c>. Finds value boundaries by bracket depth outside strings; the JSON inside a unit is checked by
/// whoever parses it, so a broken element is rejected alone. A unit larger than the limit is skipped without being
/// buffered and reported as oversize; input cut off at the end of the file is reported as broken.
/// </summary>
internal sealed class JsonUnitScanner : IDisposable
{
    private const int InitialBuffer = 64 * 1024;
    private readonly Stream _stream;
    private readonly JsonScanOptions _options;
    private readonly int _maxUnit;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private int _keep = -1;
    private long _bufferOffset;
    private long _line = 1;
    private bool _eof;
    private State _state;
    private string? _arrayProperty;
    private bool _sawPrefix;
    private bool _truncated;

    private enum State
    {
        Root,
        InArray,
        InObject,
    }

    public JsonUnitScanner(Stream stream, JsonScanOptions options, int maxUnit, long startOffset = 0, long startLine = 1)
    {
        _stream = stream;
        _options = options;
        _maxUnit = Math.Max(1024, maxUnit);
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        Fill();
        if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _pos = 3;
        }

        LineMode = DetectLines();
        if (startOffset > 0 && LineMode)
        {
            // JSON lines restart at a line; a structured document is rescanned and the caller skips earlier units.
            if (stream.CanSeek)
            {
                stream.Seek(startOffset, SeekOrigin.Begin);
                _pos = 0;
                _end = 0;
                _eof = false;
            }
            else
            {
                var skip = startOffset - _end;
                _pos = (int)Math.Min(startOffset, _end);
                while (skip > 0 && !_eof)
                {
                    var read = _stream.Read(_buffer, 0, (int)Math.Min(_buffer.Length, skip));
                    _eof = read == 0;
                    skip -= read;
                }

                if (skip >= 0 && _pos == _end)
                {
                    _pos = 0;
                    _end = 0;
                }
            }

            _bufferOffset = startOffset - _pos;
            _line = startLine;
            Seeked = true;
        }
    }

    /// <summary>True when the scanner started at the resume offset (JSON lines); otherwise it starts at the beginning.</summary>
    public bool Seeked { get; }

    /// <summary>True when the input is JSON lines: each line is one unit.</summary>
    public bool LineMode { get; }

    public ReadOnlySpan<byte> Span(in JsonUnit unit) => _buffer.AsSpan(unit.Start, unit.Length);

    public ReadOnlyMemory<byte> Memory(in JsonUnit unit) => _buffer.AsMemory(unit.Start, unit.Length);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public bool TryRead(out JsonUnit unit)
    {
        _keep = -1;
        while (true)
        {
            if (!SkipWhitespace())
            {
                if (_state != State.Root && !_truncated)
                {
                    unit = new JsonUnit(JsonUnitKind.Broken, _pos, 0, Absolute(_pos), _line, _arrayProperty,
                        "the document ends before its closing bracket (truncated file?)");
                    _state = State.Root;
                    return true;
                }

                unit = default;
                return false;
            }

            var c = _buffer[_pos];
            switch (_state)
            {
                case State.Root:
                    if (LineMode)
                    {
                        unit = ReadLine();
                        return true;
                    }

                    if (c == ';' || (c == ',' && _sawPrefix))
                    {
                        Advance(1);
                        continue;
                    }

                    if (c == '[' && _options.SplitRootArrays)
                    {
                        Advance(1);
                        _state = State.InArray;
                        _arrayProperty = null;
                        continue;
                    }

                    if (c == '{' && _options.SplitRootObjects)
                    {
                        Advance(1);
                        _state = State.InObject;
                        continue;
                    }

                    if (!StartsValue(c))
                    {
                        if (SkipPrefix(out unit))
                        {
                            continue;
                        }

                        return true;
                    }

                    unit = ScanValue(JsonUnitKind.Value, null);
                    return true;

                case State.InArray:
                    if (c == ']')
                    {
                        Advance(1);
                        _state = _arrayProperty is null ? State.Root : State.InObject;
                        _arrayProperty = null;
                        continue;
                    }

                    if (c == ',')
                    {
                        Advance(1);
                        continue;
                    }

                    if (!StartsValue(c))
                    {
                        unit = Unexpected("expected an array element, ',' or ']'");
                        return true;
                    }

                    unit = ScanValue(JsonUnitKind.Element, _arrayProperty);
                    return true;

                default:
                    if (c == '}')
                    {
                        Advance(1);
                        _state = State.Root;
                        continue;
                    }

                    if (c == ',')
                    {
                        Advance(1);
                        continue;
                    }

                    if (c != '"')
                    {
                        unit = Unexpected("expected a property name, ',' or '}'");
                        return true;
                    }

                    if (!ReadPropertyName(out var name, out unit))
                    {
                        return true;
                    }

                    if (_options.ExpandedProperties.Contains(name) && SkipWhitespace() && _buffer[_pos] == '[')
                    {
                        Advance(1);
                        _state = State.InArray;
                        _arrayProperty = name;
                        continue;
                    }

                    if (!SkipWhitespace())
                    {
                        continue;
                    }

                    unit = ScanValue(JsonUnitKind.Property, name);
                    return true;
            }
        }
    }

    private static bool StartsValue(byte c) => c is (byte)'{' or (byte)'[' or (byte)'"' or (byte)'-' or (>= (byte)'0' and <= (byte)'9') or (byte)'t' or (byte)'f' or (byte)'n';

    private long Absolute(int index) => _bufferOffset + index;

    private void Advance(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (_buffer[_pos] == '\n')
            {
                _line++;
            }

            _pos++;
        }
    }

    /// <summary>Moves past whitespace; false at the end of the input.</summary>
    private bool SkipWhitespace()
    {
        while (true)
        {
            while (_pos < _end)
            {
                var c = _buffer[_pos];
                if (c is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return true;
                }

                if (c == '\n')
                {
                    _line++;
                }

                _pos++;
            }

            if (!Fill())
            {
                return false;
            }
        }
    }

    /// <summary>Reads more input, keeping the bytes from <see cref="_keep"/> (or the scan position) on.</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        var keepFrom = _keep >= 0 ? _keep : _pos;
        if (keepFrom > 0)
        {
            var kept = _end - keepFrom;
            Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, kept);
            _bufferOffset += keepFrom;
            _pos -= keepFrom;
            _end = kept;
            if (_keep >= 0)
            {
                _keep = 0;
            }
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }

    /// <summary>
    /// JSON lines when the first line is not the start of a structured document (a lone bracket, a <c>"key":</c>
    /// line, a JavaScript prefix), and most of the first lines are complete JSON objects or arrays, none of them
    /// pretty-printed. A damaged line among them therefore does not turn a JSON-lines file into one broken document.
    /// </summary>
    private bool DetectLines()
    {
        var position = _pos;
        var lines = 0;
        var complete = 0;
        while (lines < 8 && position < _end)
        {
            var newline = _buffer.AsSpan(position, _end - position).IndexOf((byte)'\n');
            if (newline < 0 && !_eof)
            {
                break;
            }

            var end = newline < 0 ? _end : position + newline;
            var line = _buffer.AsSpan(position, end - position).Trim(" \t\r"u8);
            position = end + 1;
            if (line.IsEmpty)
            {
                continue;
            }

            lines++;
            var pretty = (line.Length <= 2 && line[0] is (byte)'{' or (byte)'[' or (byte)'}' or (byte)']')
                || (line[0] == '"' && (line.IndexOf("\":"u8) > 0 || line.IndexOf("\" :"u8) > 0));
            if (pretty || (lines == 1 && line[0] is not ((byte)'{' or (byte)'[')))
            {
                return false;
            }

            if (line[0] is (byte)'{' or (byte)'[' && IsCompleteValue(line))
            {
                complete++;
            }
        }

        return lines >= 2 && complete >= 1 && complete * 2 >= lines;
    }

    private static bool IsCompleteValue(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return reader.BytesConsumed == line.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private JsonUnit ReadLine()
    {
        _keep = _pos;
        var line = _line;
        var offset = Absolute(_pos);
        var oversize = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_pos, _end - _pos).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var start = _keep;
                var lineEnd = _pos + newline;
                _pos = lineEnd + 1;
                _line++;
                _keep = -1;
                if (oversize)
                {
                    return new JsonUnit(JsonUnitKind.Broken, 0, 0, offset, line, null, $"oversize record: more than {_maxUnit} bytes");
                }

                var end = lineEnd > start && _buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                return new JsonUnit(JsonUnitKind.Value, start, end - start, offset, line, null, null);
            }

            _pos = _end;
            if (!oversize && _pos - _keep > _maxUnit)
            {
                oversize = true;
            }

            if (oversize)
            {
                _keep = -1;
            }

            if (!Fill())
            {
                var start = _keep;
                _keep = -1;
                return oversize
                    ? new JsonUnit(JsonUnitKind.Broken, 0, 0, offset, line, null, $"oversize record: more than {_maxUnit} bytes")
                    : new JsonUnit(JsonUnitKind.Value, start, _end - start, offset, line, null, null);
            }
        }
    }

    /// <summary>Skips a JavaScript prefix up to the first bracket on the line, or rejects a line that is not JSON.</summary>
    private bool SkipPrefix(out JsonUnit unit)
    {
        _keep = _pos;
        var line = _line;
        var offset = Absolute(_pos);
        while (true)
        {
            while (_pos < _end)
            {
                var c = _buffer[_pos];
                if (c is (byte)'[' or (byte)'{')
                {
                    _sawPrefix = true;
                    _keep = -1;
                    unit = default;
                    return true;
                }

                if (c == '\n' || _pos - _keep > 4096)
                {
                    unit = new JsonUnit(JsonUnitKind.Broken, _keep, Math.Min(_pos - _keep, 300), offset, line, null, "not JSON: expected a value");
                    _keep = -1;
                    return false;
                }

                _pos++;
            }

            if (!Fill())
            {
                unit = new JsonUnit(JsonUnitKind.Broken, _keep, Math.Min(_end - _keep, 300), offset, line, null, "not JSON: expected a value");
                _keep = -1;
                return false;
            }
        }
    }

    private JsonUnit Unexpected(string reason)
    {
        var start = _pos;
        var unit = new JsonUnit(JsonUnitKind.Broken, start, 1, Absolute(start), _line, _arrayProperty, reason + $" at '{(char)_buffer[start]}'");
        Advance(1);
        return unit;
    }

    private bool ReadPropertyName(out string name, out JsonUnit broken)
    {
        var line = _line;
        var value = ScanExtent(out var truncated, out _);
        if (truncated)
        {
            name = "";
            broken = new JsonUnit(JsonUnitKind.Broken, value.Start, Math.Min(value.Length, 300), value.Offset, line, null, "the document ends inside a property name (truncated file?)");
            _keep = -1;
            return false;
        }

        name = Encoding.UTF8.GetString(_buffer, value.Start + 1, Math.Max(0, value.Length - 2));
        _keep = -1;
        if (!SkipWhitespace() || _buffer[_pos] != ':')
        {
            broken = new JsonUnit(JsonUnitKind.Broken, value.Start, 0, value.Offset, line, name, "expected ':' after a property name");
            return false;
        }

        Advance(1);
        broken = default;
        return true;
    }

    private JsonUnit ScanValue(JsonUnitKind kind, string? property)
    {
        var line = _line;
        var extent = ScanExtent(out var truncated, out var oversize);
        _keep = -1;
        if (oversize)
        {
            return new JsonUnit(JsonUnitKind.Broken, 0, 0, extent.Offset, line, property, $"oversize record: more than {_maxUnit} bytes");
        }

        if (truncated)
        {
            _truncated = true;
            return new JsonUnit(JsonUnitKind.Broken, extent.Start, Math.Min(extent.Length, 300), extent.Offset, line, property, "the file ends inside this value (truncated file?)");
        }

        return new JsonUnit(kind, extent.Start, extent.Length, extent.Offset, line, property, null);
    }

    private readonly record struct Extent(int Start, int Length, long Offset);

    /// <summary>Finds the end of the value starting at the scan position (bracket depth outside strings).</summary>
    private Extent ScanExtent(out bool truncated, out bool oversize)
    {
        _keep = _pos;
        var startOffset = Absolute(_pos);
        truncated = false;
        oversize = false;
        var first = _buffer[_pos];
        var depth = 0;
        var inString = false;
        var escape = false;
        var primitive = first is not ((byte)'{' or (byte)'[' or (byte)'"');
        while (true)
        {
            while (_pos < _end)
            {
                var c = _buffer[_pos];
                if (inString)
                {
                    if (escape)
                    {
                        escape = false;
                    }
                    else if (c == '\\')
                    {
                        escape = true;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                        if (depth == 0)
                        {
                            _pos++;
                            return Done(startOffset, oversize);
                        }
                    }
                    else if (c == '\n')
                    {
                        _line++;
                    }
                }
                else if (primitive)
                {
                    if (c is (byte)',' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)';')
                    {
                        return Done(startOffset, oversize);
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c is (byte)'{' or (byte)'[')
                {
                    depth++;
                }
                else if (c is (byte)'}' or (byte)']')
                {
                    depth--;
                    if (depth <= 0)
                    {
                        _pos++;
                        return Done(startOffset, oversize);
                    }
                }
                else if (c == '\n')
                {
                    _line++;
                }

                _pos++;
            }

            if (!oversize && _keep >= 0 && _pos - _keep > _maxUnit)
            {
                oversize = true;
            }

            if (oversize)
            {
                // Keep scanning for the end without keeping the bytes.
                _keep = -1;
            }

            if (!Fill())
            {
                truncated = !primitive;
                return Done(startOffset, oversize);
            }
        }
    }

    private Extent Done(long startOffset, bool oversize) => oversize || _keep < 0 ? new Extent(0, 0, startOffset) : new Extent(_keep, _pos - _keep, startOffset);
}
