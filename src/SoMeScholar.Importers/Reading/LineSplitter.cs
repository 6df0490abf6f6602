using System.Buffers;

namespace SoMeScholar.Importers.Reading;

/// <summary>A line found by <see cref="LineSplitter"/>: where it is in the buffer and in the file.</summary>
internal readonly record struct LineSlice(int Start, int Length, long Offset, long Number, bool Oversize, long OversizeLength);

/// <summary>
/// Splits a stream into lines of bytes with their byte offset and line number, in a pooled buffer whose size is
/// bounded by the longest accepted line (not by the file). Strips a UTF-8 byte order mark at offset 0 and a trailing
/// CR. A line longer than the limit is skipped to its end and reported as oversize. Starts at a checkpoint offset by
/// seeking (or reading past the bytes when the stream cannot seek).
/// </summary>
internal sealed class LineSplitter : IDisposable
{
    private const int InitialBuffer = 64 * 1024;
    private readonly Stream _stream;
    private readonly int _maxLine;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private long _lineNumber;
    private bool _eof;

    public LineSplitter(Stream stream, long startOffset, long startLine, int maxLine)
    {
        _stream = stream;
        _maxLine = Math.Max(1024, maxLine);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBuffer, _maxLine + 2));
        _lineNumber = Math.Max(0, startLine - 1);
        if (startOffset > 0)
        {
            Seek(startOffset);
        }
        else
        {
            SkipByteOrderMark();
        }
    }

    public ReadOnlySpan<byte> Span(in LineSlice line) => _buffer.AsSpan(line.Start, line.Length);

    public bool TryReadLine(out LineSlice line)
    {
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = searchFrom + newline;
                line = MakeLine(_start, lineEnd - _start);
                _start = lineEnd + 1;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    line = MakeLine(_start, _end - _start);
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            if (_end - _start > _maxLine)
            {
                line = SkipOversize();
                return true;
            }

            searchFrom = _end;
            var shift = _start;
            Fill();
            searchFrom -= shift;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private LineSlice MakeLine(int start, int length)
    {
        _lineNumber++;
        var offset = _bufferOffset + start;
        if (length > 0 && _buffer[start + length - 1] == (byte)'\r')
        {
            length--;
        }

        if (length > _maxLine)
        {
            return new LineSlice(start, 0, offset, _lineNumber, true, length);
        }

        return new LineSlice(start, length, offset, _lineNumber, false, 0);
    }

    /// <summary>Reads more data: moves the unread bytes to the front, grows the buffer when it is full.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            var unread = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            _bufferOffset += _start;
            _start = 0;
            _end = unread;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxLine + 2));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private LineSlice SkipOversize()
    {
        _lineNumber++;
        var offset = _bufferOffset + _start;
        long length = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                length += newline;
                _start += newline + 1;
                return new LineSlice(0, 0, offset, _lineNumber, true, length);
            }

            length += _end - _start;
            _bufferOffset += _end;
            _start = 0;
            _end = 0;
            if (_eof)
            {
                return new LineSlice(0, 0, offset, _lineNumber, true, length);
            }

            var read = _stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
            }

            _end = read;
        }
    }

    private void SkipByteOrderMark()
    {
        while (_end < 3 && !_eof)
        {
            Fill();
        }

        if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _start = 3;
        }
    }

    private void Seek(long offset)
    {
        if (_stream.CanSeek)
        {
            _stream.Seek(offset, SeekOrigin.Begin);
            _bufferOffset = offset;
            return;
        }

        var remaining = offset;
        while (remaining > 0)
        {
            var read = _stream.Read(_buffer, 0, (int)Math.Min(_buffer.Length, remaining));
            if (read == 0)
            {
                _eof = true;
                break;
            }

            remaining -= read;
        }

        _bufferOffset = offset - remaining;
    }
}
