using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;

namespace SoMeScholar.Importers.Bluesky.Car;

/// <summary>
/// Decodes DAG-CBOR (the AT Protocol's record encoding) into the JSON form the AT Protocol uses for the same data:
/// a CID link (tag 42) becomes <c>{"$link": "bafy…"}</c> and a byte string <c>{"$bytes": "base64"}</c>. Rejects what
/// DAG-CBOR forbids (indefinite lengths, non-string map keys, other tags) and anything malformed with
/// <see cref="InvalidDataException"/>. Nesting is limited so hostile input cannot exhaust the stack.
/// </summary>
public static class DagCbor
{
    private const int MaxDepth = 64;

    /// <summary>Writes the JSON form of one DAG-CBOR value at the start of <paramref name="cbor"/>; returns the bytes read.</summary>
    public static int ToJson(ReadOnlySpan<byte> cbor, Utf8JsonWriter writer)
    {
        var offset = 0;
        WriteValue(cbor, ref offset, writer, 0);
        return offset;
    }

    public static byte[] ToJson(ReadOnlySpan<byte> cbor)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var read = ToJson(cbor, writer);
            if (read != cbor.Length)
            {
                throw new InvalidDataException($"{cbor.Length - read} bytes after the DAG-CBOR value");
            }
        }

        return buffer.ToArray();
    }

    private static void WriteValue(ReadOnlySpan<byte> data, ref int offset, Utf8JsonWriter writer, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("DAG-CBOR nested too deeply");
        }

        var (major, argument, info) = ReadHead(data, ref offset);
        switch (major)
        {
            case 0:
                if (argument > long.MaxValue)
                {
                    writer.WriteNumberValue(argument);
                }
                else
                {
                    writer.WriteNumberValue((long)argument);
                }

                break;
            case 1:
                if (argument >= long.MaxValue)
                {
                    throw new InvalidDataException("negative integer out of range");
                }

                writer.WriteNumberValue(-1 - (long)argument);
                break;
            case 2:
                {
                    var bytes = Take(data, ref offset, argument);
                    writer.WriteStartObject();
                    writer.WriteBase64String("$bytes"u8, bytes);
                    writer.WriteEndObject();
                    break;
                }

            case 3:
                {
                    var text = Take(data, ref offset, argument);
                    if (!Utf8.IsValid(text))
                    {
                        throw new InvalidDataException("a DAG-CBOR text string is not valid UTF-8");
                    }

                    writer.WriteStringValue(text);
                    break;
                }

            case 4:
                writer.WriteStartArray();
                for (ulong i = 0; i < argument; i++)
                {
                    WriteValue(data, ref offset, writer, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case 5:
                writer.WriteStartObject();
                for (ulong i = 0; i < argument; i++)
                {
                    var (keyMajor, keyLength, _) = ReadHead(data, ref offset);
                    if (keyMajor != 3)
                    {
                        throw new InvalidDataException("a DAG-CBOR map key is not a string");
                    }

                    var key = Take(data, ref offset, keyLength);
                    if (!Utf8.IsValid(key))
                    {
                        throw new InvalidDataException("a DAG-CBOR map key is not valid UTF-8");
                    }

                    writer.WritePropertyName(key);
                    WriteValue(data, ref offset, writer, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case 6:
                if (argument != 42)
                {
                    throw new InvalidDataException($"unsupported CBOR tag {argument} (DAG-CBOR allows only 42)");
                }

                var (linkMajor, linkLength, _) = ReadHead(data, ref offset);
                var link = Take(data, ref offset, linkLength);
                if (linkMajor != 2 || link.Length < 2 || link[0] != 0 || !Cid.TryRead(link[1..], out var cid, out var cidLength) || cidLength != link.Length - 1)
                {
                    throw new InvalidDataException("a CID link is malformed");
                }

                writer.WriteStartObject();
                writer.WriteString("$link"u8, cid.ToString());
                writer.WriteEndObject();
                break;
            default:
                switch (info)
                {
                    case 20:
                        writer.WriteBooleanValue(false);
                        break;
                    case 21:
                        writer.WriteBooleanValue(true);
                        break;
                    case 22:
                        writer.WriteNullValue();
                        break;
                    case 25 or 26 or 27:
                        var number = info == 27 ? BitConverter.Int64BitsToDouble((long)argument)
                            : info == 26 ? BitConverter.Int32BitsToSingle((int)argument)
                            : (double)BitConverter.UInt16BitsToHalf((ushort)argument);
                        if (!double.IsFinite(number))
                        {
                            throw new InvalidDataException("DAG-CBOR does not allow NaN or infinite numbers");
                        }

                        writer.WriteNumberValue(number);
                        break;
                    default:
                        throw new InvalidDataException($"unsupported CBOR simple value {info}");
                }

                break;
        }
    }

    private static (int Major, ulong Argument, int Info) ReadHead(ReadOnlySpan<byte> data, ref int offset)
    {
        if (offset >= data.Length)
        {
            throw new InvalidDataException("DAG-CBOR value cut short");
        }

        var initial = data[offset++];
        var major = initial >> 5;
        var info = initial & 0x1F;
        ulong argument;
        switch (info)
        {
            case < 24:
                argument = (ulong)info;
                break;
            case 24:
                argument = Take(data, ref offset, 1)[0];
                break;
            case 25:
                argument = BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref offset, 2));
                break;
            case 26:
                argument = BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref offset, 4));
                break;
            case 27:
                argument = BinaryPrimitives.ReadUInt64BigEndian(Take(data, ref offset, 8));
                break;
            default:
                throw new InvalidDataException("indefinite-length or reserved CBOR item (not allowed in DAG-CBOR)");
        }

        return (major, argument, info);
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int offset, ulong length)
    {
        if (length > (ulong)(data.Length - offset))
        {
            throw new InvalidDataException("DAG-CBOR value cut short");
        }

        var slice = data.Slice(offset, (int)length);
        offset += (int)length;
        return slice;
    }

    /// <summary>Decodes to a <see cref="JsonDocument"/> (small structural blocks: the CAR header, commits, MST nodes).</summary>
    public static JsonDocument ToDocument(ReadOnlySpan<byte> cbor) => JsonDocument.Parse(ToJson(cbor));
}
