using System.Runtime.InteropServices;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// The facts of one hashtag on one UTC day with indexes local to the segment: accounts, languages, links and other
/// hashtags are listed once and referred to by index. A slice of a single-tag <see cref="HashtagFacts"/>.
/// </summary>
internal sealed class SegmentData
{
    public long[] AccountIds { get; init; } = [];
    public string[] Languages { get; init; } = [""];
    public long[] PostIds { get; init; } = [];
    public int[] PostAuthor { get; init; } = [];
    public long[] PostTicks { get; init; } = [];
    public byte[] PostKind { get; init; } = [];
    public int[] PostLanguage { get; init; } = [];
    public int[] MentionOffsets { get; init; } = [0];
    public int[] MentionTargets { get; init; } = [];
    public int[] LikeOffsets { get; init; } = [0];
    public int[] Likers { get; init; } = [];
    public int[] LinkOffsets { get; init; } = [0];
    public int[] LinkItems { get; init; } = [];
    public string[] LinkUrls { get; init; } = [];
    public string[] LinkDomains { get; init; } = [];
    public int[] CoTagOffsets { get; init; } = [0];
    public int[] CoTagItems { get; init; } = [];
    public string[] CoTagNames { get; init; } = [];
    public long[] RepostIds { get; init; } = [];
    public int[] RepostAuthor { get; init; } = [];
    public long[] RepostTicks { get; init; } = [];

    /// <summary>The posts with time in [fromTicks, toTicks) and the reposts made then, of facts loaded for one tag.</summary>
    public static SegmentData Slice(HashtagFacts facts, long fromTicks, long toTicks)
    {
        var (start, end) = facts.PostRange(fromTicks, toTicks);
        var (repostStart, repostEnd) = facts.RepostRange(fromTicks, toTicks);
        var accounts = new Dictionary<int, int>();
        var accountIds = new List<long>();
        int Account(int global)
        {
            if (!accounts.TryGetValue(global, out var local))
            {
                local = accountIds.Count;
                accounts[global] = local;
                accountIds.Add(facts.AccountIds[global]);
            }

            return local;
        }

        var count = end - start;
        var authors = new int[count];
        for (var p = start; p < end; p++)
        {
            authors[p - start] = Account(facts.PostAuthor[p]);
        }

        var (mentionOffsets, mentionTargets) = SliceRows(facts.MentionOffsets, facts.MentionTargets, start, end, Account);
        var (likeOffsets, likers) = SliceRows(facts.LikeOffsets, facts.Likers, start, end, Account);
        var links = new Dictionary<int, int>();
        var (linkOffsets, linkItems) = SliceRows(facts.LinkOffsets, facts.LinkItems, start, end, l => Local(links, l));
        var coTags = new Dictionary<int, int>();
        var (coTagOffsets, coTagItems) = SliceRows(facts.CoTagOffsets, facts.CoTagItems, start, end, t => Local(coTags, t));
        var repostAuthors = new int[repostEnd - repostStart];
        for (var r = repostStart; r < repostEnd; r++)
        {
            repostAuthors[r - repostStart] = Account(facts.RepostAuthor[r]);
        }

        return new SegmentData
        {
            AccountIds = [.. accountIds],
            Languages = facts.Languages,
            PostIds = facts.PostIds[start..end],
            PostAuthor = authors,
            PostTicks = facts.PostTicks[start..end],
            PostKind = facts.PostKind[start..end],
            PostLanguage = facts.PostLanguage[start..end],
            MentionOffsets = mentionOffsets,
            MentionTargets = mentionTargets,
            LikeOffsets = likeOffsets,
            Likers = likers,
            LinkOffsets = linkOffsets,
            LinkItems = linkItems,
            LinkUrls = [.. links.OrderBy(l => l.Value).Select(l => facts.LinkUrls[l.Key])],
            LinkDomains = [.. links.OrderBy(l => l.Value).Select(l => facts.LinkDomains[l.Key])],
            CoTagOffsets = coTagOffsets,
            CoTagItems = coTagItems,
            CoTagNames = [.. coTags.OrderBy(t => t.Value).Select(t => facts.CoTagNames[t.Key])],
            RepostIds = facts.RepostIds[repostStart..repostEnd],
            RepostAuthor = repostAuthors,
            RepostTicks = facts.RepostTicks[repostStart..repostEnd],
        };
    }

    private static int Local(Dictionary<int, int> map, int global)
    {
        if (!map.TryGetValue(global, out var local))
        {
            local = map.Count;
            map[global] = local;
        }

        return local;
    }

    private static (int[] Offsets, int[] Items) SliceRows(int[] offsets, int[] items, int start, int end, Func<int, int> map)
    {
        var first = offsets[start];
        var sliceOffsets = new int[end - start + 1];
        for (var p = start; p <= end; p++)
        {
            sliceOffsets[p - start] = offsets[p] - first;
        }

        var sliceItems = new int[offsets[end] - first];
        for (var i = 0; i < sliceItems.Length; i++)
        {
            sliceItems[i] = map(items[first + i]);
        }

        return (sliceOffsets, sliceItems);
    }
}

/// <summary>The binary form of a <see cref="SegmentData"/>: a version byte, then arrays (length, raw little-endian values) and string lists.</summary>
internal static class HashtagSegmentCodec
{
    private const byte Version = 1;

    public static byte[] Encode(SegmentData segment)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Version);
            Write(writer, segment.AccountIds);
            Write(writer, segment.Languages);
            Write(writer, segment.PostIds);
            Write(writer, segment.PostAuthor);
            Write(writer, segment.PostTicks);
            Write(writer, segment.PostKind);
            Write(writer, segment.PostLanguage);
            Write(writer, segment.MentionOffsets);
            Write(writer, segment.MentionTargets);
            Write(writer, segment.LikeOffsets);
            Write(writer, segment.Likers);
            Write(writer, segment.LinkOffsets);
            Write(writer, segment.LinkItems);
            Write(writer, segment.LinkUrls);
            Write(writer, segment.LinkDomains);
            Write(writer, segment.CoTagOffsets);
            Write(writer, segment.CoTagItems);
            Write(writer, segment.CoTagNames);
            Write(writer, segment.RepostIds);
            Write(writer, segment.RepostAuthor);
            Write(writer, segment.RepostTicks);
        }

        return stream.ToArray();
    }

    public static SegmentData Decode(byte[] data)
    {
        var reader = new Reader(data);
        if (reader.Byte() != Version)
        {
            throw new InvalidDataException("Unknown hashtag segment version.");
        }

        return new SegmentData
        {
            AccountIds = reader.Array<long>(),
            Languages = reader.Strings(),
            PostIds = reader.Array<long>(),
            PostAuthor = reader.Array<int>(),
            PostTicks = reader.Array<long>(),
            PostKind = reader.Array<byte>(),
            PostLanguage = reader.Array<int>(),
            MentionOffsets = reader.Array<int>(),
            MentionTargets = reader.Array<int>(),
            LikeOffsets = reader.Array<int>(),
            Likers = reader.Array<int>(),
            LinkOffsets = reader.Array<int>(),
            LinkItems = reader.Array<int>(),
            LinkUrls = reader.Strings(),
            LinkDomains = reader.Strings(),
            CoTagOffsets = reader.Array<int>(),
            CoTagItems = reader.Array<int>(),
            CoTagNames = reader.Strings(),
            RepostIds = reader.Array<long>(),
            RepostAuthor = reader.Array<int>(),
            RepostTicks = reader.Array<long>(),
        };
    }

    private static void Write<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static void Write(BinaryWriter writer, string[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private sealed class Reader(byte[] data)
    {
        private int _position;

        public byte Byte() => data[_position++];

        public T[] Array<T>()
            where T : unmanaged
        {
            var length = Int32();
            var bytes = length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            var values = MemoryMarshal.Cast<byte, T>(data.AsSpan(_position, bytes)).ToArray();
            _position += bytes;
            return values;
        }

        public string[] Strings()
        {
            var values = new string[Int32()];
            using var stream = new MemoryStream(data, _position, data.Length - _position, writable: false);
            using var reader = new BinaryReader(stream);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadString();
            }

            _position += (int)stream.Position;
            return values;
        }

        private int Int32()
        {
            var value = BitConverter.ToInt32(data, _position);
            _position += 4;
            return value;
        }
    }
}
