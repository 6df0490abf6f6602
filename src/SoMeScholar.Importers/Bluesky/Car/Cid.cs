using System.Text;

namespace SoMeScholar.Importers.Bluesky.Car;

/// <summary>
/// A content identifier as bytes (CIDv1: version, codec, multihash; or CIDv0: a bare sha2-256 multihash), with its
/// string form (base32 lower-case with the <c>b</c> multibase prefix for v1, base58btc for v0).
/// </summary>
public readonly record struct Cid(byte[] Bytes)
{
    public const ulong DagCbor = 0x71;
    public const ulong Raw = 0x55;
    public const ulong Sha256 = 0x12;

    /// <summary>Reads a CID at the start of <paramref name="data"/>; <paramref name="length"/> is how many bytes it took.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out Cid cid, out int length)
    {
        cid = default;
        length = 0;
        if (data.Length >= 34 && data[0] == 0x12 && data[1] == 0x20)
        {
            length = 34;
            cid = new Cid(data[..34].ToArray());
            return true;
        }

        var offset = 0;
        if (!Varint.TryRead(data, ref offset, out var version) || version != 1
            || !Varint.TryRead(data, ref offset, out _)
            || !Varint.TryRead(data, ref offset, out _)
            || !Varint.TryRead(data, ref offset, out var digestLength)
            || digestLength > 128 || offset + (int)digestLength > data.Length)
        {
            return false;
        }

        length = offset + (int)digestLength;
        cid = new Cid(data[..length].ToArray());
        return true;
    }

    public bool IsV0 => Bytes.Length == 34 && Bytes[0] == 0x12 && Bytes[1] == 0x20;

    /// <summary>The hash function code and the digest of the multihash.</summary>
    public (ulong Code, ReadOnlyMemory<byte> Digest) Multihash()
    {
        if (IsV0)
        {
            return (Sha256, Bytes.AsMemory(2));
        }

        var offset = 0;
        Varint.TryRead(Bytes, ref offset, out _);
        Varint.TryRead(Bytes, ref offset, out _);
        Varint.TryRead(Bytes, ref offset, out var code);
        Varint.TryRead(Bytes, ref offset, out _);
        return (code, Bytes.AsMemory(offset));
    }

    public override string ToString() => IsV0 ? Multibase.Base58(Bytes) : "b" + Multibase.Base32Lower(Bytes);

    public bool Equals(Cid other) => Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }
}

/// <summary>Unsigned LEB128 varints (CAR section lengths, CID fields).</summary>
public static class Varint
{
    public static bool TryRead(ReadOnlySpan<byte> data, ref int offset, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (offset >= data.Length)
            {
                return false;
            }

            var b = data[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    public static void Write(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    public static byte[] Encode(ulong value)
    {
        using var buffer = new MemoryStream();
        Write(buffer, value);
        return buffer.ToArray();
    }
}

/// <summary>Multibase encodings used by CIDs.</summary>
public static class Multibase
{
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>RFC 4648 base32, lower case, no padding.</summary>
    public static string Base32Lower(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length * 8 / 5) + 1);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    public static bool TryDecodeBase32Lower(string text, out byte[] bytes)
    {
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            var value = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                bytes = [];
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        bytes = [.. output];
        return true;
    }

    public static string Base58(ReadOnlySpan<byte> data)
    {
        var digits = new List<int> { 0 };
        foreach (var b in data)
        {
            var carry = (int)b;
            for (var i = 0; i < digits.Count; i++)
            {
                carry += digits[i] << 8;
                digits[i] = carry % 58;
                carry /= 58;
            }

            while (carry > 0)
            {
                digits.Add(carry % 58);
                carry /= 58;
            }
        }

        var text = new StringBuilder();
        foreach (var b in data)
        {
            if (b != 0)
            {
                break;
            }

            text.Append('1');
        }

        for (var i = digits.Count - 1; i >= 0; i--)
        {
            if (!(text.Length == 0 && digits[i] == 0 && i > 0) || text.Length > 0)
            {
                text.Append(Base58Alphabet[digits[i]]);
            }
        }

        return text.ToString();
    }
}
