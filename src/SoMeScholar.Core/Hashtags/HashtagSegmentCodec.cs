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

/// <summary>
/// The binary form of a <see cref="SegmentData"/>: a version byte, then each array as its length and variable-length
/// integers (ids and times as zigzag differences from the previous value, offsets as per-post counts), so a
/// segment takes about a quarter of its in-memory size and decodes without allocation per value.
/// </summary>
internal static class HashtagSegmentCodec
{
    private const byte Version = 2;

    public static byte[] Encode(SegmentData segment)
    {
        var writer = new Writer();
        writer.Byte(Version);
        writer.Deltas(segment.AccountIds);
        writer.Strings(segment.Languages);
        writer.Deltas(segment.PostIds);
        writer.Ints(segment.PostAuthor);
        writer.Deltas(segment.PostTicks);
        writer.Bytes(segment.PostKind);
        writer.Ints(segment.PostLanguage);
        writer.Offsets(segment.MentionOffsets);
        writer.Ints(segment.MentionTargets);
        writer.Offsets(segment.LikeOffsets);
        writer.Ints(segment.Likers);
        writer.Offsets(segment.LinkOffsets);
        writer.Ints(segment.LinkItems);
        writer.Strings(segment.LinkUrls);
        writer.Strings(segment.LinkDomains);
        writer.Offsets(segment.CoTagOffsets);
        writer.Ints(segment.CoTagItems);
        writer.Strings(segment.CoTagNames);
        writer.Deltas(segment.RepostIds);
        writer.Ints(segment.RepostAuthor);
        writer.Deltas(segment.RepostTicks);
        return writer.ToArray();
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
            AccountIds = reader.Deltas(),
            Languages = reader.Strings(),
            PostIds = reader.Deltas(),
            PostAuthor = reader.Ints(),
            PostTicks = reader.Deltas(),
            PostKind = reader.Bytes(),
            PostLanguage = reader.Ints(),
            MentionOffsets = reader.Offsets(),
            MentionTargets = reader.Ints(),
            LikeOffsets = reader.Offsets(),
            Likers = reader.Ints(),
            LinkOffsets = reader.Offsets(),
            LinkItems = reader.Ints(),
            LinkUrls = reader.Strings(),
            LinkDomains = reader.Strings(),
            CoTagOffsets = reader.Offsets(),
            CoTagItems = reader.Ints(),
            CoTagNames = reader.Strings(),
            RepostIds = reader.Deltas(),
            RepostAuthor = reader.Ints(),
            RepostTicks = reader.Deltas(),
        };
    }

    private sealed class Writer
    {
        private byte[] _buffer = new byte[4096];
        private int _length;

        public byte[] ToArray() => _buffer[.._length];

        public void Byte(byte value)
        {
            Ensure(1);
            _buffer[_length++] = value;
        }

        public void Bytes(byte[] values)
        {
            Varint((ulong)values.Length);
            Ensure(values.Length);
            values.CopyTo(_buffer, _length);
            _length += values.Length;
        }

        public void Ints(int[] values)
        {
            Varint((ulong)values.Length);
            foreach (var value in values)
            {
                Varint((uint)value);
            }
        }

        public void Offsets(int[] offsets)
        {
            Varint((ulong)offsets.Length);
            for (var i = 1; i < offsets.Length; i++)
            {
                Varint((uint)(offsets[i] - offsets[i - 1]));
            }
        }

        public void Deltas(long[] values)
        {
            Varint((ulong)values.Length);
            long previous = 0;
            foreach (var value in values)
            {
                var delta = value - previous;
                Varint((ulong)((delta << 1) ^ (delta >> 63)));
                previous = value;
            }
        }

        public void Strings(string[] values)
        {
            Varint((ulong)values.Length);
            foreach (var value in values)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(value);
                Bytes(bytes);
            }
        }

        private void Varint(ulong value)
        {
            Ensure(10);
            while (value >= 0x80)
            {
                _buffer[_length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[_length++] = (byte)value;
        }

        private void Ensure(int count)
        {
            if (_length + count > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
            }
        }
    }

    private sealed class Reader(byte[] data)
    {
        private int _position;

        public byte Byte() => data[_position++];

        public byte[] Bytes()
        {
            var length = (int)Varint();
            var values = data.AsSpan(_position, length).ToArray();
            _position += length;
            return values;
        }

        public int[] Ints()
        {
            var values = new int[(int)Varint()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (int)Varint();
            }

            return values;
        }

        public int[] Offsets()
        {
            var values = new int[(int)Varint()];
            for (var i = 1; i < values.Length; i++)
            {
                values[i] = values[i - 1] + (int)Varint();
            }

            return values;
        }

        public long[] Deltas()
        {
            var values = new long[(int)Varint()];
            long previous = 0;
            for (var i = 0; i < values.Length; i++)
            {
                var zigzag = Varint();
                previous += (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                values[i] = previous;
            }

            return values;
        }

        public string[] Strings()
        {
            var values = new string[(int)Varint()];
            for (var i = 0; i < values.Length; i++)
            {
                var length = (int)Varint();
                values[i] = System.Text.Encoding.UTF8.GetString(data, _position, length);
                _position += length;
            }

            return values;
        }

        private ulong Varint()
        {
            ulong value = 0;
            var shift = 0;
            while (true)
            {
                var current = data[_position++];
                value |= (ulong)(current & 0x7F) << shift;
                if (current < 0x80)
                {
                    return value;
                }

                shift += 7;
            }
        }
    }
}
