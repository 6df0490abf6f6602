using System.Text;

namespace SoMeScholar.Importers.Reading;

/// <summary>
/// A small direct-mapped cache of short strings made from UTF-8 bytes (DIDs, hashtags, language codes), so values
/// that repeat from record to record are allocated once. A miss simply replaces the slot; nothing grows.
/// </summary>
internal sealed class StringCache
{
    private const int MaxLength = 96;
    private readonly string?[] _slots;
    private readonly int _mask;

    public StringCache(int slots = 4096)
    {
        _slots = new string?[slots];
        _mask = slots - 1;
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength || utf8.IsEmpty)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var index = Hash(utf8) & _mask;
        var cached = _slots[index];
        if (cached is not null && Matches(cached, utf8))
        {
            return cached;
        }

        var value = Encoding.UTF8.GetString(utf8);
        _slots[index] = value;
        return value;
    }

    public string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length > MaxLength || chars.IsEmpty)
        {
            return new string(chars);
        }

        var index = Hash(chars) & _mask;
        var cached = _slots[index];
        if (cached is not null && chars.SequenceEqual(cached))
        {
            return cached;
        }

        var value = new string(chars);
        _slots[index] = value;
        return value;
    }

    /// <summary>Compares an ASCII-only cached string with bytes (vectorised); a non-ASCII value never matches.</summary>
    private static bool Matches(string cached, ReadOnlySpan<byte> utf8) => cached.Length == utf8.Length && Ascii.Equals(utf8, cached);

    // Hashes read the length and the first and last eight units (DIDs and tags differ there); collisions are settled
    // by the comparison. The byte and char forms of an ASCII value hash alike, so both lookups share slots.
    private static int Hash(ReadOnlySpan<byte> value)
    {
        ulong head = 0, tail = 0;
        var n = Math.Min(8, value.Length);
        for (var i = 0; i < n; i++)
        {
            head = (head << 8) | value[i];
            tail = (tail << 8) | value[value.Length - n + i];
        }

        return Mix(head, tail, value.Length);
    }

    private static int Hash(ReadOnlySpan<char> value)
    {
        ulong head = 0, tail = 0;
        var n = Math.Min(8, value.Length);
        for (var i = 0; i < n; i++)
        {
            head = (head << 8) | (byte)value[i];
            tail = (tail << 8) | (byte)value[value.Length - n + i];
        }

        return Mix(head, tail, value.Length);
    }

    private static int Mix(ulong head, ulong tail, int length)
    {
        var hash = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)length;
        return (int)(hash ^ (hash >> 29) ^ (hash >> 47));
    }
}
