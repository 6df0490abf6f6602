using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.Bluesky;

/// <summary>The mix of a synthetic Jetstream stream.</summary>
public sealed record JetstreamSynthOptions
{
    /// <summary>How many distinct accounts post, follow and repost.</summary>
    public int Accounts { get; init; } = 10_000;

    /// <summary>Shares of event kinds; the rest of 1.0 after posts, follows and reposts are likes.</summary>
    public double PostShare { get; init; } = 0.70;

    public double FollowShare { get; init; } = 0.15;

    public double RepostShare { get; init; } = 0.10;

    /// <summary>Share of posts that reply to an earlier post.</summary>
    public double ReplyShare { get; init; } = 0.25;

    /// <summary>Hashtags drawn for posts (each post gets 0–3 of them, as tag facets).</summary>
    public IReadOnlyList<string> Hashtags { get; init; } = ["MedEd", "FOAMed", "MedTwitter", "SoMeScholar2026", "MedStudent", "Cardiology", "ICU", "EmergencyMedicine"];

    /// <summary>Time of the first event; events are about 50 ms apart.</summary>
    public DateTime Start { get; init; } = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
}

/// <summary>
/// A deterministic generator of Jetstream v1 event lines: posts with hashtag facets (with multi-byte text before
/// the tags so byte offsets matter), replies, follows, reposts and likes between a fixed pool of accounts. The same
/// seed gives the same lines. Used by the parse benchmark and the archive's bulk-import benchmark; every line is
/// valid for <see cref="JetstreamReader"/>.
/// </summary>
public sealed class JetstreamSynth : IDisposable
{
    private static readonly string[] Words = ["teaching", "rounds", "résumé", "evidence", "residents", "the", "journal club", "café", "podcast", "simulation", "feedback", "bedside", "ultrasound", "case", "review", "🩺", "learners", "naïve", "curriculum", "wellness"];
    private const string Base32Sortable = "234567abcdefghijklmnopqrstuvwxyz";
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    private readonly Random _random;
    private readonly JetstreamSynthOptions _options;
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _writer;
    private readonly string[] _recentPosts = new string[4096];
    private readonly StringBuilder _text = new(256);
    private readonly List<(int Start, int End, string Tag)> _facets = [];
    private int _recentCount;
    private long _timeUs;
    private int _clock;

    public JetstreamSynth(int seed, JetstreamSynthOptions? options = null)
    {
        _random = new Random(seed);
        _options = options ?? new JetstreamSynthOptions();
        // Jetstream (Go) writes non-ASCII text as raw UTF-8, not as \u escapes.
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _timeUs = Timestamps.ToUnixMicroseconds(_options.Start);
        _clock = seed & 1023;
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Counts of what was generated so far, by kind.</summary>
    public long Posts { get; private set; }

    public long Replies { get; private set; }

    public long Follows { get; private set; }

    public long Reposts { get; private set; }

    public long Likes { get; private set; }

    /// <summary>The DID of account number <paramref name="account"/> (stable across seeds).</summary>
    public static string DidOf(int account)
    {
        Span<char> id = stackalloc char[24];
        var value = (ulong)account * 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = Base32[(int)(value & 31)];
            value = (value >> 5) | ((ulong)(account + i) << 59);
        }

        return "did:plc:" + new string(id);
    }

    /// <summary>The next event as UTF-8 bytes without the newline; valid until the next call.</summary>
    public ReadOnlySpan<byte> NextUtf8()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        WriteEvent();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    public string NextLine() => Encoding.UTF8.GetString(NextUtf8());

    public IEnumerable<string> Lines(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return NextLine();
        }
    }

    /// <summary>Writes <paramref name="count"/> events, one per line.</summary>
    public void WriteTo(Stream stream, long count)
    {
        for (long i = 0; i < count; i++)
        {
            stream.Write(NextUtf8());
            stream.WriteByte((byte)'\n');
        }
    }

    private void WriteEvent()
    {
        _timeUs += 20_000 + _random.Next(60_000);
        var author = _random.Next(_options.Accounts);
        var did = DidOf(author);
        var roll = _random.NextDouble();
        var collection = roll < _options.PostShare ? BlueskyNames.Post
            : roll < _options.PostShare + _options.FollowShare ? BlueskyNames.Follow
            : roll < _options.PostShare + _options.FollowShare + _options.RepostShare && _recentCount > 0 ? BlueskyNames.Repost
            : _recentCount > 0 ? BlueskyNames.Like : BlueskyNames.Post;
        var rkey = NextTid();
        var w = _writer;
        w.WriteStartObject();
        w.WriteString("did"u8, did);
        w.WriteNumber("time_us"u8, _timeUs);
        w.WriteString("kind"u8, "commit"u8);
        w.WriteStartObject("commit"u8);
        w.WriteString("rev"u8, NextTid());
        w.WriteString("operation"u8, "create"u8);
        w.WriteString("collection"u8, collection);
        w.WriteString("rkey"u8, rkey);
        w.WriteStartObject("record"u8);
        w.WriteString("$type"u8, collection);
        var createdAt = Timestamps.ToAtProtocol(Timestamps.FromUnixMicroseconds(_timeUs - 1_000_000));
        w.WriteString("createdAt"u8, createdAt);
        switch (collection)
        {
            case BlueskyNames.Post:
                WritePost(w);
                _recentPosts[_recentCount++ % _recentPosts.Length] = AtUri.Format(did, BlueskyNames.Post, rkey);
                _recentCount = Math.Min(_recentCount, int.MaxValue - 1);
                Posts++;
                break;
            case BlueskyNames.Follow:
                w.WriteString("subject"u8, DidOf(_random.Next(_options.Accounts)));
                Follows++;
                break;
            default:
                var subject = _recentPosts[_random.Next(Math.Min(_recentCount, _recentPosts.Length))];
                w.WriteStartObject("subject"u8);
                w.WriteString("cid"u8, NextCid());
                w.WriteString("uri"u8, subject);
                w.WriteEndObject();
                if (collection == BlueskyNames.Repost)
                {
                    Reposts++;
                }
                else
                {
                    Likes++;
                }

                break;
        }

        w.WriteEndObject();
        w.WriteString("cid"u8, NextCid());
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void WritePost(Utf8JsonWriter w)
    {
        _text.Clear();
        _facets.Clear();
        var words = 4 + _random.Next(12);
        for (var i = 0; i < words; i++)
        {
            _text.Append(Words[_random.Next(Words.Length)]).Append(' ');
        }

        var tags = _random.Next(4);
        for (var i = 0; i < tags; i++)
        {
            var tag = _options.Hashtags[_random.Next(_options.Hashtags.Count)];
            var start = Encoding.UTF8.GetByteCount(_text.ToString());
            _text.Append('#').Append(tag);
            _facets.Add((start, start + 1 + Encoding.UTF8.GetByteCount(tag), tag));
            _text.Append(' ');
        }

        w.WriteStartArray("langs"u8);
        w.WriteStringValue("en"u8);
        w.WriteEndArray();
        if (_facets.Count > 0)
        {
            w.WriteStartArray("facets"u8);
            foreach (var (start, end, tag) in _facets)
            {
                w.WriteStartObject();
                w.WriteStartArray("features"u8);
                w.WriteStartObject();
                w.WriteString("$type"u8, "app.bsky.richtext.facet#tag"u8);
                w.WriteString("tag"u8, tag);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("index"u8);
                w.WriteNumber("byteEnd"u8, end);
                w.WriteNumber("byteStart"u8, start);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (_recentCount > 0 && _random.NextDouble() < _options.ReplyShare)
        {
            var parent = _recentPosts[_random.Next(Math.Min(_recentCount, _recentPosts.Length))];
            w.WriteStartObject("reply"u8);
            foreach (var name in new[] { "parent", "root" })
            {
                w.WriteStartObject(name);
                w.WriteString("cid"u8, NextCid());
                w.WriteString("uri"u8, parent);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            Replies++;
        }

        w.WriteString("text"u8, _text.ToString().TrimEnd());
    }

    /// <summary>A TID from the event time and a clock id, as PDSes make them.</summary>
    private string NextTid()
    {
        var value = ((ulong)_timeUs << 10) | (uint)(_clock++ & 1023);
        Span<char> tid = stackalloc char[13];
        for (var i = 12; i >= 0; i--)
        {
            tid[i] = Base32Sortable[(int)(value & 31)];
            value >>= 5;
        }

        return new string(tid);
    }

    private string NextCid()
    {
        Span<char> cid = stackalloc char[59];
        "bafyrei".CopyTo(cid);
        for (var i = 7; i < cid.Length; i++)
        {
            cid[i] = Base32[_random.Next(32)];
        }

        return new string(cid);
    }
}
