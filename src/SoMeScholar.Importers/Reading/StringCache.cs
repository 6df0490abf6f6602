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

    /// <summary>Compares an ASCII-only cached string with bytes; a non-ASCII value never matches (it is decoded again).</summary>
    private static bool Matches(string cached, ReadOnlySpan<byte> utf8)
    {
        if (cached.Length != utf8.Length)
        {
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (cached[i] != utf8[i] || utf8[i] > 127)
            {
                return false;
            }
        }

        return true;
    }

    // The same hash for the ASCII bytes and the chars of a value, so both lookups share slots.
    private static int Hash(ReadOnlySpan<byte> value)
    {
        var hash = 2166136261u;
        foreach (var b in value)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }

    private static int Hash(ReadOnlySpan<char> value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }
}
