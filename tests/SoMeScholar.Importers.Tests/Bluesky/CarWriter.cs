using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SoMeScholar.Importers.Bluesky.Car;

namespace SoMeScholar.Importers.Tests.Bluesky;

/// <summary>A CID link inside a DAG-CBOR value.</summary>
internal sealed record Link(Cid Cid);

/// <summary>
/// Writes DAG-CBOR (canonical: map keys sorted by length, then bytewise) and CARv1 files, so tests can build
/// synthetic repository exports: no real .car fixture with a clear licence exists.
/// </summary>
internal static class CarWriter
{
    public static byte[] Encode(object? value)
    {
        using var output = new MemoryStream();
        Write(output, value);
        return output.ToArray();
    }

    public static Cid CidOf(byte[] block)
    {
        var hash = SHA256.HashData(block);
        byte[] bytes = [0x01, 0x71, 0x12, 0x20, .. hash];
        return new Cid(bytes);
    }

    private static void Head(Stream output, int major, ulong argument)
    {
        var initial = (byte)(major << 5);
        Span<byte> buffer = stackalloc byte[8];
        if (argument < 24)
        {
            output.WriteByte((byte)(initial | (byte)argument));
        }
        else if (argument <= byte.MaxValue)
        {
            output.WriteByte((byte)(initial | 24));
            output.WriteByte((byte)argument);
        }
        else if (argument <= ushort.MaxValue)
        {
            output.WriteByte((byte)(initial | 25));
            BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)argument);
            output.Write(buffer[..2]);
        }
        else if (argument <= uint.MaxValue)
        {
            output.WriteByte((byte)(initial | 26));
            BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)argument);
            output.Write(buffer[..4]);
        }
        else
        {
            output.WriteByte((byte)(initial | 27));
            BinaryPrimitives.WriteUInt64BigEndian(buffer, argument);
            output.Write(buffer);
        }
    }

    private static void Write(Stream output, object? value)
    {
        switch (value)
        {
            case null:
                output.WriteByte(0xF6);
                break;
            case bool b:
                output.WriteByte(b ? (byte)0xF5 : (byte)0xF4);
                break;
            case int i:
                Write(output, (long)i);
                break;
            case long l when l >= 0:
                Head(output, 0, (ulong)l);
                break;
            case long l:
                Head(output, 1, (ulong)(-1 - l));
                break;
            case string s:
                var text = Encoding.UTF8.GetBytes(s);
                Head(output, 3, (ulong)text.Length);
                output.Write(text);
                break;
            case byte[] bytes:
                Head(output, 2, (ulong)bytes.Length);
                output.Write(bytes);
                break;
            case Link link:
                Head(output, 6, 42);
                Head(output, 2, (ulong)link.Cid.Bytes.Length + 1);
                output.WriteByte(0);
                output.Write(link.Cid.Bytes);
                break;
            case IDictionary<string, object?> map:
                Head(output, 5, (ulong)map.Count);
                foreach (var (key, item) in map.OrderBy(p => Encoding.UTF8.GetByteCount(p.Key)).ThenBy(p => p.Key, StringComparer.Ordinal))
                {
                    Write(output, key);
                    Write(output, item);
                }

                break;
            case System.Collections.IEnumerable list:
                var items = list.Cast<object?>().ToList();
                Head(output, 4, (ulong)items.Count);
                foreach (var item in items)
                {
                    Write(output, item);
                }

                break;
            default:
                throw new ArgumentException("cannot encode " + value.GetType());
        }
    }

    /// <summary>A CAR file: header naming <paramref name="root"/>, then the blocks in the given order.</summary>
    public static byte[] Car(Cid root, IEnumerable<byte[]> blocks)
    {
        using var output = new MemoryStream();
        var header = Encode(new Dictionary<string, object?> { ["version"] = 1, ["roots"] = new List<object?> { new Link(root) } });
        Varint.Write(output, (ulong)header.Length);
        output.Write(header);
        foreach (var block in blocks)
        {
            var cid = CidOf(block);
            Varint.Write(output, (ulong)(cid.Bytes.Length + block.Length));
            output.Write(cid.Bytes);
            output.Write(block);
        }

        return output.ToArray();
    }

    /// <summary>An MST node: left subtree, and entries (full key, value, right subtree) with prefix compression.</summary>
    public static byte[] MstNode(Cid? left, IEnumerable<(string Key, Cid Value, Cid? Right)> entries)
    {
        var previous = "";
        var list = new List<object?>();
        foreach (var (key, value, right) in entries)
        {
            var prefix = 0;
            while (prefix < previous.Length && prefix < key.Length && previous[prefix] == key[prefix])
            {
                prefix++;
            }

            list.Add(new Dictionary<string, object?>
            {
                ["p"] = prefix,
                ["k"] = Encoding.UTF8.GetBytes(key[prefix..]),
                ["v"] = new Link(value),
                ["t"] = right is { } r ? new Link(r) : null,
            });
            previous = key;
        }

        return Encode(new Dictionary<string, object?> { ["l"] = left is { } l ? new Link(l) : null, ["e"] = list });
    }
}
