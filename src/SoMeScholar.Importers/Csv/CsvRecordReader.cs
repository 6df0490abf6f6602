using System.Globalization;
using System.Text;
using System.Text.Unicode;
using SoMeScholar.Importers.Reading;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.Csv;

/// <summary>
/// CSV edge lists and post lists. The separator is whichever of <c>,</c> <c>;</c> tab appears most in the first row
/// (none: runs of spaces); fields follow RFC 4180 (double quotes, doubled quotes inside, line breaks inside quotes).
/// A header row is recognised by its column names (case-insensitive); a NodeXL workbook saved as CSV may have a
/// group-title row before it. Without a recognised header, the file is a plain edge list <c>source target [kind]</c>.
/// <para>Accepted columns (first match wins):</para>
/// <list type="table">
/// <item><term>source</term><description><c>Source</c>, <c>Vertex 1</c>, <c>From</c>, <c>Follower</c>, <c>Src</c></description></item>
/// <item><term>target</term><description><c>Target</c>, <c>Vertex 2</c>, <c>To</c>, <c>Followed</c>, <c>Dst</c></description></item>
/// <item><term>kind</term><description><c>Kind</c>, <c>Relationship</c>, <c>Edge Kind</c>, <c>Interaction</c>: follow(s/ed), mention(s),
/// reply / replies to, retweet / repost / boost, quote(d), like / favorite; NodeXL's <c>Tweet</c> (a self-loop) makes no edge.
/// Gephi's <c>Type</c> (Directed/Undirected), <c>Weight</c>, <c>Id</c>, <c>Label</c> are accepted and ignored.</description></item>
/// <item><term>time</term><description><c>Relationship Date (UTC)</c>, <c>Time</c>, <c>Timestamp</c>, <c>Date</c>, <c>Occurred At</c></description></item>
/// <item><term>post id</term><description><c>Imported ID</c>, <c>Tweet ID</c>, <c>Post ID</c>, <c>Status ID</c>, <c>ID</c> (with a text column)</description></item>
/// <item><term>text</term><description><c>Tweet</c>, <c>Text</c>, <c>Full Text</c>, <c>Content</c></description></item>
/// <item><term>author</term><description><c>Author ID</c>, <c>User ID</c>, <c>Author</c>, <c>Screen Name</c>, <c>Username</c>, else the source column</description></item>
/// <item><term>created</term><description><c>Tweet Date (UTC)</c>, <c>Created At</c>, <c>Date</c>, <c>Timestamp</c></description></item>
/// <item><term>lists</term><description><c>Hashtags in Tweet</c> / <c>Hashtags</c>, <c>URLs in Tweet</c> / <c>URLs</c> / <c>Links</c>, <c>Mentions</c> (separated by spaces, commas or semicolons)</description></item>
/// <item><term>references</term><description><c>In-Reply-To Tweet ID</c> / <c>In Reply To</c>, <c>In-Reply-To User ID</c>, <c>Quoted Status ID</c> / <c>Quote Of</c>, <c>Retweet ID</c> / <c>Repost Of</c>, <c>Language</c> / <c>Lang</c></description></item>
/// </list>
/// <para>
/// A row with a post id and text is a post (rows of the same post in a row, as NodeXL writes one per mentioned
/// account, make one post whose mentions are their targets); a row with source and target and no post is an edge,
/// keyed <c>{kind}:{source}:{target}</c> (plus <c>:{time}</c> for kinds other than follow when a time is given). The
/// platform is <see cref="ReadOptions.Platform"/>, else X for NodeXL's Twitter columns, else Other.
/// </para>
/// </summary>
public sealed class CsvRecordReader : IImportReader
{
    public static ImportFormat Definition { get; } = new("csv", Platform.Other, ResumeUnit.Line,
        "CSV edge lists and post lists (NodeXL, Gephi spreadsheet, plain 'source target')");

    public ImportFormat Format => Definition;

    private static readonly string[] SourceNames = ["source", "vertex 1", "from", "follower", "src"];
    private static readonly string[] TargetNames = ["target", "vertex 2", "to", "followed", "dst"];
    private static readonly string[] KindNames = ["kind", "relationship", "edge kind", "interaction"];
    private static readonly string[] TimeNames = ["relationship date (utc)", "time", "timestamp", "date", "occurred at", "occurred_at"];
    private static readonly string[] PostIdNames = ["imported id", "tweet id", "tweet_id", "post id", "post_id", "status id", "status_id", "id"];
    private static readonly string[] TextNames = ["tweet", "text", "full text", "full_text", "content"];
    private static readonly string[] AuthorNames = ["author id", "author_id", "user id", "user_id", "author", "screen name", "screen_name", "username"];
    private static readonly string[] HandleNames = ["screen name", "screen_name", "username", "author handle", "author_handle"];
    private static readonly string[] CreatedNames = ["tweet date (utc)", "created at", "created_at", "date", "timestamp"];
    private static readonly string[] HashtagNames = ["hashtags in tweet", "hashtags"];
    private static readonly string[] UrlNames = ["urls in tweet", "urls", "links"];
    private static readonly string[] MentionNames = ["mentions"];
    private static readonly string[] ReplyNames = ["in-reply-to tweet id", "in reply to", "in_reply_to", "in_reply_to_status_id"];
    private static readonly string[] ReplyUserNames = ["in-reply-to user id", "in_reply_to_user_id"];
    private static readonly string[] QuoteNames = ["quoted status id", "quoted_status_id", "quote of", "quote_of"];
    private static readonly string[] RepostNames = ["retweet id", "retweeted_status_id", "repost of", "repost_of"];
    private static readonly string[] LanguageNames = ["language", "lang"];
    private static readonly string[] Known = [.. SourceNames, .. TargetNames, .. KindNames, .. TimeNames, .. PostIdNames, .. TextNames, .. AuthorNames, .. CreatedNames, .. HashtagNames, .. UrlNames, .. MentionNames, .. ReplyNames, .. QuoteNames, .. RepostNames, "weight", "type", "label"];

    private sealed class Layout
    {
        public byte Separator;
        public bool HasHeader;
        public long DataOffset;
        public long DataLine = 1;
        public Platform Platform;
        public int Source = -1, Target = -1, Kind = -1, Time = -1, PostId = -1, Text = -1, Author = -1, Handle = -1, Created = -1;
        public int Hashtags = -1, Urls = -1, Mentions = -1, Reply = -1, ReplyUser = -1, Quote = -1, Repost = -1, Language = -1;
        public int Columns;

        public bool IsPostList => PostId >= 0 && Text >= 0;
    }

    public IEnumerable<ImportRecord> Read(Stream stream, string source, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadRows(stream, source, options);
    }

    private static IEnumerable<ImportRecord> ReadRows(Stream stream, string source, ReadOptions options)
    {
        var context = new ParseContext(source, options);
        Layout layout;
        using (var head = new LineSplitter(stream, 0, 1, options.MaxRecordBytes))
        {
            layout = ReadLayout(head, options);
        }

        if (layout.DataOffset == long.MaxValue || (stream.CanSeek && layout.DataOffset >= stream.Length))
        {
            yield break;
        }

        var resume = options.Resume;
        var start = resume is { Offset: > 0 } r && r.Offset >= layout.DataOffset ? r.Offset : layout.DataOffset;
        var startLine = resume is { Offset: > 0 } rr && rr.Offset >= layout.DataOffset ? rr.Line : layout.DataLine;
        if (stream.CanSeek)
        {
            stream.Seek(0, SeekOrigin.Begin);
        }
        else if (start > 0)
        {
            throw new ArgumentException("CSV reading needs a seekable stream (the header is read first)", nameof(stream));
        }

        var skip = resume?.Skip ?? 0;
        using var lines = new LineSplitter(stream, start, startLine, options.MaxRecordBytes);
        var row = new List<string>();
        var builder = new List<byte>();
        PendingPost? pending = null;
        while (TryReadRecord(lines, builder, out var offset, out var lineNumber, out var error))
        {
            context.BeginUnit(lineNumber, offset);
            if (error is not null)
            {
                context.Reject(null, error, builder.ToArray());
            }
            else if (!Utf8.IsValid(builder.ToArray()))
            {
                context.Reject(null, "invalid UTF-8 in the row", builder.ToArray());
            }
            else if (IsBlank(builder))
            {
                context.Ignore("empty line");
            }
            else
            {
                SplitFields(builder, layout.Separator, row);
                var consumed = Row(row, layout, context, ref pending, offset, lineNumber);
                if (!consumed)
                {
                    context.FillExcerpts(builder.ToArray());
                }
            }

            context.EndUnit();
            foreach (var record in context.Output)
            {
                if (!AlreadyRead(record, resume, skip))
                {
                    yield return record;
                }
            }
        }

        if (pending is not null)
        {
            context.BeginUnit(pending.Line, pending.Offset);
            EmitPost(pending, context);
            context.EndUnit();
            foreach (var record in context.Output)
            {
                if (!AlreadyRead(record, resume, skip))
                {
                    yield return record;
                }
            }
        }
    }

    /// <summary>A post held over several rows is emitted later than its first row, so skipping is by record position.</summary>
    private static bool AlreadyRead(ImportRecord record, ReadCheckpoint? resume, int skip) =>
        resume is { } r && record.Position.ByteOffset == r.Offset && record.Position.Index < skip;

    private static bool IsBlank(List<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)',' or (byte)';' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads one CSV record (joining lines while a quoted field is open).</summary>
    private static bool TryReadRecord(LineSplitter lines, List<byte> record, out long offset, out long lineNumber, out string? error)
    {
        record.Clear();
        error = null;
        offset = 0;
        lineNumber = 0;
        var first = true;
        var quotes = 0;
        while (lines.TryReadLine(out var line))
        {
            if (first)
            {
                offset = line.Offset;
                lineNumber = line.Number;
                first = false;
            }
            else
            {
                record.Add((byte)'\n');
            }

            if (line.Oversize)
            {
                error = $"oversize record: a line of {line.OversizeLength} bytes";
                return true;
            }

            var span = lines.Span(line);
            record.AddRange(span);
            quotes += span.Count((byte)'"');
            if (quotes % 2 == 0)
            {
                return true;
            }

            if (record.Count > 1 << 20)
            {
                error = "a quoted field is never closed";
                return true;
            }
        }

        if (!first && quotes % 2 != 0)
        {
            error = "the file ends inside a quoted field";
        }

        return !first;
    }

    private static void SplitFields(List<byte> record, byte separator, List<string> fields)
    {
        fields.Clear();
        var text = Encoding.UTF8.GetString([.. record]);
        var field = new StringBuilder();
        var inQuotes = false;
        var i = 0;
        if (separator == 0)
        {
            foreach (var part in text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                fields.Add(part);
            }

            return;
        }

        var sep = (char)separator;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == sep)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        fields.Add(field.ToString().Trim());
    }

    private static Layout ReadLayout(LineSplitter lines, ReadOptions options)
    {
        var layout = new Layout();
        var builder = new List<byte>();
        var fields = new List<string>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (!TryReadRecord(lines, builder, out var offset, out var number, out _))
            {
                break;
            }

            if (IsBlank(builder))
            {
                attempt--;
                if (number > 20)
                {
                    break;
                }

                continue;
            }

            if (attempt == 0)
            {
                layout.Separator = DetectSeparator(builder);
                layout.DataOffset = offset;
                layout.DataLine = number;
            }

            SplitFields(builder, layout.Separator, fields);
            var names = fields.Select(f => f.Trim().Trim('\uFEFF').ToLowerInvariant()).ToList();
            if (names.Count(n => Known.Contains(n)) >= 2 || (names.Count >= 2 && names.Take(2).All(n => SourceNames.Contains(n) || TargetNames.Contains(n))))
            {
                layout.HasHeader = true;
                layout.Columns = names.Count;
                Map(layout, names);
                if (TryReadRecord(lines, builder, out var dataOffset, out var dataLine, out _))
                {
                    layout.DataOffset = dataOffset;
                    layout.DataLine = dataLine;
                }
                else
                {
                    layout.DataOffset = long.MaxValue;
                }

                break;
            }
        }

        if (!layout.HasHeader)
        {
            layout.Source = 0;
            layout.Target = 1;
            layout.Kind = 2;
        }

        var nodeXl = layout.HasHeader && (layout.Source >= 0 && layout.Text >= 0 || layout.Hashtags >= 0) && (layout.Text >= 0 || layout.Kind >= 0);
        layout.Platform = options.Platform ?? (nodeXl && layout.Text >= 0 ? Platform.X : Platform.Other);
        return layout;
    }

    private static byte DetectSeparator(List<byte> row)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        foreach (var b in row)
        {
            if (b == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                commas += b == ',' ? 1 : 0;
                semicolons += b == ';' ? 1 : 0;
                tabs += b == '\t' ? 1 : 0;
            }
        }

        if (commas == 0 && semicolons == 0 && tabs == 0)
        {
            return 0;
        }

        return tabs >= commas && tabs >= semicolons ? (byte)'\t' : semicolons > commas ? (byte)';' : (byte)',';
    }

    private static void Map(Layout layout, List<string> names)
    {
        int Find(string[] candidates, params int[] exclude)
        {
            foreach (var candidate in candidates)
            {
                var index = names.IndexOf(candidate);
                if (index >= 0 && !exclude.Contains(index))
                {
                    return index;
                }
            }

            return -1;
        }

        layout.Source = Find(SourceNames);
        layout.Target = Find(TargetNames);
        layout.Kind = Find(KindNames);
        layout.Text = Find(TextNames);
        layout.PostId = Find(PostIdNames);
        layout.Created = Find(CreatedNames);
        layout.Time = Find(TimeNames, layout.Created);
        if (layout.Time < 0 && !layout.IsPostList)
        {
            layout.Time = layout.Created;
        }

        layout.Author = Find(AuthorNames);
        layout.Handle = Find(HandleNames);
        layout.Hashtags = Find(HashtagNames);
        layout.Urls = Find(UrlNames);
        layout.Mentions = Find(MentionNames);
        layout.Reply = Find(ReplyNames);
        layout.ReplyUser = Find(ReplyUserNames);
        layout.Quote = Find(QuoteNames);
        layout.Repost = Find(RepostNames);
        layout.Language = Find(LanguageNames);
    }

    private sealed class PendingPost
    {
        public required string Id;
        public required string Author;
        public required DateTime Created;
        public required long Offset;
        public required long Line;
        public string? Handle;
        public string Text = "";
        public string? Language;
        public string? ReplyTo, ReplyToAuthor, QuoteOf, RepostOf;
        public Platform Platform;
        public List<string> Hashtags = [];
        public List<string> Links = [];
        public List<ImportedMention> Mentions = [];
    }

    /// <summary>Maps a row; returns true when its post is held back (more rows of the same post may follow).</summary>
    private static bool Row(List<string> row, Layout layout, ParseContext context, ref PendingPost? pending, long offset, long line)
    {
        string? Cell(int index) => index >= 0 && index < row.Count && row[index].Length > 0 ? row[index] : null;

        var postId = layout.IsPostList ? Cell(layout.PostId) : null;
        var source = Cell(layout.Source);
        var target = Cell(layout.Target);
        var kindText = Cell(layout.Kind);
        if (postId is not null)
        {
            if (pending is not null && pending.Id == postId)
            {
                AddRowMention(pending, kindText, target);
                return true;
            }

            if (pending is not null)
            {
                var held = pending;
                pending = null;
                // The held post belongs before this row: emit it positioned at its own first row.
                context.BeginUnit(held.Line, held.Offset);
                EmitPost(held, context);
                var emitted = context.Output.ToList();
                context.BeginUnit(line, offset);
                context.Output.AddRange(emitted);
            }

            var author = Cell(layout.Author) ?? source;
            var createdText = Cell(layout.Created);
            if (author is null)
            {
                context.Reject("author", "missing required field 'author' of a post", (string?)null);
                return false;
            }

            if (!TryParseTime(createdText, out var created))
            {
                context.Reject("created", createdText is null ? "missing required field 'created' of a post" : $"invalid date '{Excerpts.Of(createdText)}'", (string?)null);
                return false;
            }

            pending = new PendingPost
            {
                Id = postId,
                Author = author,
                Created = created,
                Offset = offset,
                Line = line,
                Platform = layout.Platform,
                Handle = Cell(layout.Handle) ?? (layout.Author < 0 ? source : null),
                Text = Cell(layout.Text) ?? "",
                Language = Cell(layout.Language),
                ReplyTo = Cell(layout.Reply),
                ReplyToAuthor = Cell(layout.ReplyUser),
                QuoteOf = Cell(layout.Quote),
                RepostOf = Cell(layout.Repost),
            };
            foreach (var tag in List(Cell(layout.Hashtags)))
            {
                var clean = tag.TrimStart('#');
                if (clean.Length > 0 && !pending.Hashtags.Exists(t => t.Equals(clean, StringComparison.OrdinalIgnoreCase)))
                {
                    pending.Hashtags.Add(clean);
                }
            }

            foreach (var url in List(Cell(layout.Urls)))
            {
                if (!pending.Links.Contains(url))
                {
                    pending.Links.Add(url);
                }
            }

            foreach (var mention in List(Cell(layout.Mentions)))
            {
                pending.Mentions.Add(new ImportedMention(null, mention.TrimStart('@')));
            }

            if (kindText is not null && KindOf(kindText) == InteractionKind.Reply && pending.ReplyToAuthor is null)
            {
                pending.ReplyToAuthor = target;
            }

            AddRowMention(pending, kindText, target);
            return true;
        }

        if (pending is not null)
        {
            var held = pending;
            pending = null;
            context.BeginUnit(held.Line, held.Offset);
            EmitPost(held, context);
            var emitted = context.Output.ToList();
            context.BeginUnit(line, offset);
            context.Output.AddRange(emitted);
        }

        if (source is null || target is null)
        {
            context.Reject(source is null ? "source" : "target", $"missing required field '{(source is null ? "source" : "target")}'", (string?)null);
            return false;
        }

        InteractionKind kind;
        if (kindText is null || (!layout.HasHeader && double.TryParse(kindText, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            kind = context.Options.DefaultEdgeKind ?? InteractionKind.Follow;
        }
        else if (kindText.Equals("tweet", StringComparison.OrdinalIgnoreCase))
        {
            context.Ignore("NodeXL 'Tweet' self-loop without a post id");
            return false;
        }
        else if (KindOf(kindText) is { } known)
        {
            kind = known;
        }
        else
        {
            context.Reject("kind", $"unknown edge kind '{Excerpts.Of(kindText)}'", (string?)null);
            return false;
        }

        DateTime? when = TryParseTime(Cell(layout.Time), out var parsed) ? parsed : null;
        var name = kind.ToString().ToLowerInvariant();
        var key = kind != InteractionKind.Follow && when is { } w ? $"{name}:{source}:{target}:{Timestamps.ToAtProtocol(w)}" : $"{name}:{source}:{target}";
        context.Add(new ImportedInteraction
        {
            Position = context.Next(),
            Platform = layout.Platform,
            Kind = kind,
            NaturalKey = key,
            SourceExternalId = source,
            TargetExternalId = target,
            OccurredAt = when,
        });
        return false;
    }

    private static void AddRowMention(PendingPost post, string? kindText, string? target)
    {
        if (target is null || kindText is null || KindOf(kindText) is not (InteractionKind.Mention or InteractionKind.Reply) || target == post.Author)
        {
            return;
        }

        if (!post.Mentions.Exists(m => m.ExternalId == target || m.Handle == target))
        {
            post.Mentions.Add(new ImportedMention(target, null));
        }
    }

    private static void EmitPost(PendingPost post, ParseContext context)
    {
        context.Add(new ImportedPost
        {
            Position = context.Next(),
            Platform = post.Platform,
            ExternalId = post.Id,
            AuthorExternalId = post.Author,
            AuthorHandle = post.Handle,
            Kind = post.RepostOf is not null ? PostKind.Repost : post.ReplyTo is not null || post.ReplyToAuthor is not null ? PostKind.Reply : post.QuoteOf is not null ? PostKind.Quote : PostKind.Original,
            CreatedAt = post.Created,
            Text = post.Text,
            Language = post.Language is { Length: <= 32 } language ? language : null,
            ReplyToExternalId = post.ReplyTo,
            ReplyToAuthorExternalId = post.ReplyToAuthor,
            ReplyRootExternalId = post.ReplyTo,
            QuoteOfExternalId = post.QuoteOf,
            RepostOfExternalId = post.RepostOf,
            Hashtags = post.Hashtags,
            Mentions = post.Mentions,
            Links = post.Links,
        });
    }

    private static string[] List(string? cell) =>
        cell is null ? [] : cell.Split([' ', ',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Maps the relationship names of NodeXL, Gephi labels and plain words to edge kinds.</summary>
    public static InteractionKind? KindOf(string text) => text.Trim().ToLowerInvariant().Replace('_', ' ').Replace('-', ' ') switch
    {
        "follow" or "follows" or "followed" or "following" or "follower" => InteractionKind.Follow,
        "mention" or "mentions" or "mentionsinretweet" or "mentions in retweet" => InteractionKind.Mention,
        "reply" or "replies" or "replies to" or "replied to" or "in reply to" => InteractionKind.Reply,
        "repost" or "reposts" or "retweet" or "retweets" or "retweeted" or "boost" or "reblog" => InteractionKind.Repost,
        "quote" or "quotes" or "quoted" => InteractionKind.Quote,
        "like" or "likes" or "liked" or "favorite" or "favourite" or "favorited" => InteractionKind.Like,
        _ => null,
    };

    private static bool TryParseTime(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (Timestamps.TryParseIso(text, out utc) || Timestamps.TryParseTwitter(text, out utc))
        {
            return true;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && epoch is > 100_000_000 and < 100_000_000_000)
        {
            utc = DateTime.UnixEpoch.AddSeconds(epoch);
            return true;
        }

        return false;
    }
}
