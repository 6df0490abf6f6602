using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using SoMeScholar.Importers.Reading;

namespace SoMeScholar.Importers.Bluesky.Car;

/// <summary>
/// The repository export a Bluesky user downloads (<c>com.atproto.sync.getRepo</c>, CARv1): a varint-prefixed DAG-CBOR
/// header <c>{version: 1, roots: [commit]}</c>, then blocks (varint length, CID, DAG-CBOR data). The commit block
/// names the owner (<c>did</c>) and the root of the Merkle Search Tree (<c>data</c>); the MST maps each key
/// <c>collection/rkey</c> to its record's CID. Posts, reposts, likes, follows and the profile are mapped as Jetstream
/// records are (the record's CID is the post's version).
/// <para>
/// Two passes over a seekable stream: the first indexes every block (CID → offset) and walks the MST from the commit;
/// the second reads the blocks in file order and emits the mapped records, each positioned at its block's byte
/// offset (the resume unit). Memory is one index entry per block and one map entry per record of the repository,
/// never the blocks themselves. Each block's sha2-256 is checked against its CID; a corrupt or cut-off block is
/// rejected with its offset, and records whose block is missing are rejected as unknown references.
/// </para>
/// </summary>
public sealed class BlueskyCarReader : IImportReader
{
    public static ImportFormat Definition { get; } = new("bluesky-car", Platform.Bluesky, ResumeUnit.Block,
        "Bluesky repository export (.car, CARv1 with DAG-CBOR records)");

    public ImportFormat Format => Definition;

    private readonly record struct BlockRef(long Offset, int DataStart, int Length);

    public IEnumerable<ImportRecord> Read(Stream stream, string source, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("a CAR file is read in two passes and needs a seekable stream", nameof(stream));
        }

        return ReadCar(stream, source, options);
    }

    private static IEnumerable<ImportRecord> ReadCar(Stream stream, string source, ReadOptions options)
    {
        var context = new ParseContext(source, options);
        var index = new Dictionary<Cid, BlockRef>();
        var early = new List<ImportRecord>();
        var fatal = IndexBlocks(stream, context, index, options.MaxRecordBytes, early, out var root);
        early.AddRange(Flush(context));
        foreach (var record in early)
        {
            yield return record;
        }

        if (fatal)
        {
            yield break;
        }

        // The commit and the tree.
        context.BeginUnit(null, index.TryGetValue(root, out var commitRef) ? commitRef.Offset : 0);
        string? did = null;
        var records = new Dictionary<Cid, List<string>>();
        if (!index.TryGetValue(root, out commitRef))
        {
            context.Reject("roots", $"unknown reference: the commit block {root} is not in the file", (string?)null);
        }
        else
        {
            did = ReadCommit(stream, commitRef, root, context, out var dataRoot);
            if (did is not null && dataRoot is { } tree)
            {
                WalkTree(stream, index, tree, records, context, 0);
            }
        }

        var owner = did;
        context.EndUnit();
        foreach (var record in Flush(context))
        {
            yield return record;
        }

        if (owner is null)
        {
            yield break;
        }

        // Second pass: the records in file order.
        var resumeOffset = options.Resume?.Offset ?? 0;
        var skip = options.Resume?.Skip ?? 0;
        var found = new HashSet<Cid>();
        var blocks = index.Where(b => records.ContainsKey(b.Key)).OrderBy(b => b.Value.Offset).ToList();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            foreach (var (cid, block) in blocks)
            {
                found.Add(cid);
                if (block.Offset < resumeOffset)
                {
                    continue;
                }

                if (buffer.Length < block.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(block.Length);
                }

                stream.Seek(block.Offset + block.DataStart, SeekOrigin.Begin);
                stream.ReadExactly(buffer, 0, block.Length);
                context.BeginUnit(null, block.Offset);
                foreach (var key in records[cid])
                {
                    MapRecord(buffer.AsSpan(0, block.Length), owner, key, cid, context);
                }

                context.EndUnit();
                var first = block.Offset == resumeOffset ? skip : 0;
                for (var i = first; i < context.Output.Count; i++)
                {
                    yield return context.Output[i];
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        context.BeginUnit(null, stream.Length);
        foreach (var (cid, keys) in records)
        {
            if (!found.Contains(cid))
            {
                foreach (var key in keys)
                {
                    context.Reject(key, $"unknown reference: the record block {cid} for {key} is not in the file", (string?)null);
                }
            }
        }

        context.EndUnit();

        foreach (var record in Flush(context))
        {
            yield return record;
        }
    }

    /// <summary>Takes what the context holds (units already counted by <see cref="ParseContext.EndUnit"/>).</summary>
    private static List<ImportRecord> Flush(ParseContext context)
    {
        var output = context.Output.ToList();
        context.Output.Clear();
        return output;
    }

    /// <summary>First pass: the header and an index of every block; false unless the file cannot be read at all.</summary>
    private static bool IndexBlocks(Stream stream, ParseContext context, Dictionary<Cid, BlockRef> index, int maxBlock, List<ImportRecord> sink, out Cid root)
    {
        root = default;
        stream.Seek(0, SeekOrigin.Begin);
        var reader = new CarSectionReader(stream);
        context.BeginUnit(null, 0);
        if (!reader.TryReadLength(out var headerLength) || headerLength is 0 or > 1 << 20)
        {
            context.Reject("header", "not a CAR file: the header length is missing or implausible", (string?)null);
            context.EndUnit();
            return true;
        }

        var header = new byte[headerLength];
        if (!reader.TryReadExactly(header))
        {
            context.Reject("header", "the file ends inside the CAR header", (string?)null);
            context.EndUnit();
            return true;
        }

        try
        {
            using var document = DagCbor.ToDocument(header);
            var version = document.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
            if (version != 1)
            {
                context.Reject("header.version", $"unsupported CAR version {version} (CARv1 expected)", (string?)null);
                context.EndUnit();
            return true;
            }

            if (!document.RootElement.TryGetProperty("roots", out var roots) || roots.ValueKind != JsonValueKind.Array || roots.GetArrayLength() == 0
                || !TryLink(roots[0], out root))
            {
                context.Reject("header.roots", "the CAR header names no root commit", (string?)null);
                context.EndUnit();
            return true;
            }
        }
        catch (Exception exception) when (Excerpts.IsInputError(exception))
        {
            context.Reject("header", "malformed CAR header: " + exception.Message, (string?)null);
            context.EndUnit();
            return true;
        }

        while (true)
        {
            sink.AddRange(context.Output);
            context.Output.Clear();
            var offset = reader.Position;
            if (!reader.TryReadLength(out var length))
            {
                if (!reader.AtEnd)
                {
                    context.BeginUnit(null, offset);
                    context.Reject("block", "the file ends inside a block length (truncated file?)", (string?)null);
                    context.EndUnit();
                }

                return false;
            }

            context.BeginUnit(null, offset);
            if (length > (ulong)maxBlock)
            {
                if (!reader.TrySkip((long)length))
                {
                    context.Reject("block", "the file ends inside an oversize block (truncated file?)", (string?)null);
                    context.EndUnit();
                    return false;
                }

                context.Reject("block", $"oversize block of {length} bytes (limit {maxBlock})", (string?)null);
                context.EndUnit();
                continue;
            }

            var block = ArrayPool<byte>.Shared.Rent((int)length);
            try
            {
                var span = block.AsSpan(0, (int)length);
                if (!reader.TryReadExactly(span))
                {
                    context.Reject("block", $"the file ends inside a block of {length} bytes (truncated file?)", (string?)null);
                    context.EndUnit();
                    return false;
                }

                if (!Cid.TryRead(span, out var cid, out var cidLength))
                {
                    context.Reject("block.cid", "a block does not start with a valid CID", span[..Math.Min(span.Length, 64)].ToArray().AsSpan());
                }
                else if (!HashMatches(cid, span[cidLength..]))
                {
                    context.Reject("block.cid", $"corrupt block: its content does not hash to its CID {cid}", (string?)null);
                }
                else
                {
                    index.TryAdd(cid, new BlockRef(offset, (int)(reader.Position - offset - (long)length) + cidLength, (int)length - cidLength));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }

            context.EndUnit();
        }
    }

    private static bool HashMatches(Cid cid, ReadOnlySpan<byte> data)
    {
        var (code, digest) = cid.Multihash();
        if (code != Cid.Sha256)
        {
            return true;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return digest.Span.SequenceEqual(hash);
    }

    private static byte[]? Load(Stream stream, BlockRef block)
    {
        var data = new byte[block.Length];
        stream.Seek(block.Offset + block.DataStart, SeekOrigin.Begin);
        stream.ReadExactly(data);
        return data;
    }

    private static string? ReadCommit(Stream stream, BlockRef block, Cid cid, ParseContext context, out Cid? dataRoot)
    {
        dataRoot = null;
        try
        {
            using var commit = DagCbor.ToDocument(Load(stream, block));
            var root = commit.RootElement;
            var did = root.TryGetProperty("did", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (did is null || !AtSyntax.IsValidDid(did))
            {
                context.Reject("commit.did", did is null ? "the commit names no repository owner (did)" : $"invalid DID '{did}' in the commit", (string?)null);
                return null;
            }

            if (!root.TryGetProperty("data", out var data) || !TryLink(data, out var tree))
            {
                context.Reject("commit.data", "the commit has no MST root (data)", (string?)null);
                return null;
            }

            dataRoot = tree;
            return did;
        }
        catch (Exception exception) when (Excerpts.IsInputError(exception))
        {
            context.Reject("commit", $"malformed commit block {cid}: {exception.Message}", (string?)null);
            return null;
        }
    }

    /// <summary>
    /// Walks an MST node: its left subtree, then each entry (key = the previous key's first <c>p</c> bytes plus
    /// <c>k</c>; value <c>v</c> = the record CID) followed by the entry's right subtree <c>t</c>.
    /// </summary>
    private static void WalkTree(Stream stream, Dictionary<Cid, BlockRef> index, Cid node, Dictionary<Cid, List<string>> records, ParseContext context, int depth)
    {
        if (depth > 128)
        {
            context.Reject("mst", "the MST is nested implausibly deep", (string?)null);
            return;
        }

        if (!index.TryGetValue(node, out var block))
        {
            context.Reject("mst", $"unknown reference: MST node {node} is not in the file; the records below it cannot be located", (string?)null);
            return;
        }

        try
        {
            using var document = DagCbor.ToDocument(Load(stream, block));
            var root = document.RootElement;
            if (root.TryGetProperty("l", out var left) && TryLink(left, out var leftCid))
            {
                WalkTree(stream, index, leftCid, records, context, depth + 1);
            }

            if (!root.TryGetProperty("e", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("an MST node without entries (e)");
            }

            var key = Array.Empty<byte>();
            foreach (var entry in entries.EnumerateArray())
            {
                var prefix = entry.GetProperty("p").GetInt32();
                var suffix = entry.GetProperty("k").GetProperty("$bytes").GetBytesFromBase64();
                if (prefix < 0 || prefix > key.Length)
                {
                    throw new InvalidDataException("an MST entry's prefix is longer than the previous key");
                }

                key = [.. key.AsSpan(0, prefix), .. suffix];
                if (TryLink(entry.GetProperty("v"), out var value))
                {
                    var text = System.Text.Encoding.UTF8.GetString(key);
                    if (!records.TryGetValue(value, out var keys))
                    {
                        keys = new List<string>(1);
                        records[value] = keys;
                    }

                    keys.Add(text);
                }

                if (entry.TryGetProperty("t", out var right) && TryLink(right, out var rightCid))
                {
                    WalkTree(stream, index, rightCid, records, context, depth + 1);
                }
            }
        }
        catch (Exception exception) when (Excerpts.IsInputError(exception))
        {
            context.Reject("mst", $"malformed MST node {node}: {exception.Message}", (string?)null);
        }
    }

    private static void MapRecord(ReadOnlySpan<byte> cbor, string did, string key, Cid cid, ParseContext context)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !AtSyntax.IsValidNsid(key.AsSpan(0, slash)) || !AtSyntax.IsValidRecordKey(key.AsSpan(slash + 1)))
        {
            context.Reject("mst", $"invalid repository path '{Excerpts.Of(key)}'", (string?)null);
            return;
        }

        var collection = BlueskyNames.Classify(key[..slash]);
        if (collection == BskyCollection.Other)
        {
            context.Ignore("collection " + key[..slash]);
            return;
        }

        var start = context.Output.Count;
        try
        {
            var json = DagCbor.ToJson(cbor);
            var draft = context.BlueskyDraft;
            draft.Reset();
            context.FieldPrefix = key + ".";
            BlueskyRecords.ParseRecord(json, collection, draft, context);
            BlueskyRecords.Build(draft, collection, did, key.AsSpan(slash + 1), cid.ToString(), default, context);
        }
        catch (Exception exception) when (Excerpts.IsInputError(exception))
        {
            context.Output.RemoveRange(start, context.Output.Count - start);
            context.Reject(context.FullField ?? key, Excerpts.Reason(exception), (string?)null);
        }

        context.FieldPrefix = null;
        context.Field = null;
    }

    private static bool TryLink(JsonElement value, out Cid cid)
    {
        cid = default;
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("$link", out var link) || link.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = link.GetString()!;
        if (text.Length < 2 || text[0] != 'b' || !Multibase.TryDecodeBase32Lower(text[1..], out var bytes) || !Cid.TryRead(bytes, out cid, out _))
        {
            return false;
        }

        return true;
    }

    /// <summary>Reads CAR sections sequentially through a small buffer, tracking the byte position.</summary>
    private sealed class CarSectionReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _pos;
        private int _end;

        public long Position { get; private set; }

        public bool AtEnd { get; private set; }

        private int NextByte()
        {
            if (_pos == _end)
            {
                _end = stream.Read(_buffer, 0, _buffer.Length);
                _pos = 0;
                if (_end == 0)
                {
                    return -1;
                }
            }

            Position++;
            return _buffer[_pos++];
        }

        public bool TryReadLength(out ulong length)
        {
            length = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = NextByte();
                if (b < 0)
                {
                    AtEnd = shift == 0;
                    return false;
                }

                length |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        public bool TryReadExactly(Span<byte> target)
        {
            var copied = 0;
            while (copied < target.Length)
            {
                if (_pos == _end)
                {
                    _end = stream.Read(_buffer, 0, _buffer.Length);
                    _pos = 0;
                    if (_end == 0)
                    {
                        return false;
                    }
                }

                var count = Math.Min(_end - _pos, target.Length - copied);
                _buffer.AsSpan(_pos, count).CopyTo(target[copied..]);
                _pos += count;
                copied += count;
                Position += count;
            }

            return true;
        }

        public bool TrySkip(long count)
        {
            while (count > 0)
            {
                if (_pos == _end)
                {
                    _end = stream.Read(_buffer, 0, _buffer.Length);
                    _pos = 0;
                    if (_end == 0)
                    {
                        return false;
                    }
                }

                var step = (int)Math.Min(_end - _pos, count);
                _pos += step;
                Position += step;
                count -= step;
            }

            return true;
        }
    }
}
