using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SoMeScholar.Core.Hashtags.Sources;

/// <summary>
/// Writes Jetstream event lines, as Jetstream sends them, for rehearsal recordings (the demo's conference replay),
/// tests and the wall's load benchmark. Hashtags become facets with their byte ranges, like the Bluesky app makes.
/// </summary>
public static class JetstreamLines
{
    /// <summary>A post create event. Hashtags are appended to the text as #tags and marked as tag facets.</summary>
    public static string Post(string did, string rkey, DateTime createdAt, string text, IReadOnlyList<string> tags, string? language = "en", int images = 0, string? replyTo = null)
    {
        var body = new StringBuilder(text);
        var facets = new List<(int Start, int End, string Tag)>();
        foreach (var tag in tags)
        {
            body.Append(' ');
            var start = Encoding.UTF8.GetByteCount(body.ToString());
            body.Append('#').Append(tag);
            facets.Add((start, Encoding.UTF8.GetByteCount(body.ToString()), tag));
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("did", did);
            json.WriteNumber("time_us", TimeUs(createdAt));
            json.WriteString("kind", "commit");
            json.WriteStartObject("commit");
            json.WriteString("rev", rkey);
            json.WriteString("operation", "create");
            json.WriteString("collection", "app.bsky.feed.post");
            json.WriteString("rkey", rkey);
            json.WriteStartObject("record");
            json.WriteString("$type", "app.bsky.feed.post");
            json.WriteString("createdAt", createdAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            if (language is not null)
            {
                json.WriteStartArray("langs");
                json.WriteStringValue(language);
                json.WriteEndArray();
            }

            json.WriteString("text", body.ToString());
            json.WriteStartArray("facets");
            foreach (var (start, end, tag) in facets)
            {
                json.WriteStartObject();
                json.WriteStartArray("features");
                json.WriteStartObject();
                json.WriteString("$type", "app.bsky.richtext.facet#tag");
                json.WriteString("tag", tag);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartObject("index");
                json.WriteNumber("byteStart", start);
                json.WriteNumber("byteEnd", end);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (replyTo is not null)
            {
                json.WriteStartObject("reply");
                foreach (var name in new[] { "root", "parent" })
                {
                    json.WriteStartObject(name);
                    json.WriteString("uri", replyTo);
                    json.WriteString("cid", "bafyreireplacedbyrecording");
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            if (images > 0)
            {
                json.WriteStartObject("embed");
                json.WriteString("$type", "app.bsky.embed.images");
                json.WriteStartArray("images");
                for (var i = 0; i < images; i++)
                {
                    json.WriteStartObject();
                    json.WriteString("alt", "A slide from the session");
                    json.WriteStartObject("image");
                    json.WriteString("$type", "blob");
                    json.WriteStartObject("ref");
                    json.WriteString("$link", $"bafkrei{rkey}{i}");
                    json.WriteEndObject();
                    json.WriteString("mimeType", "image/jpeg");
                    json.WriteNumber("size", 120_000);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteString("cid", "bafyrei" + rkey);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An identity event announcing a handle (Jetstream sends one when an account's handle is known or changes).</summary>
    public static string Identity(string did, string handle, DateTime at) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["did"] = did,
            ["time_us"] = TimeUs(at),
            ["kind"] = "identity",
            ["identity"] = new Dictionary<string, object> { ["did"] = did, ["handle"] = handle, ["seq"] = 1, ["time"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) },
        });

    /// <summary>A delete of a post.</summary>
    public static string Delete(string did, string rkey, DateTime at) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["did"] = did,
            ["time_us"] = TimeUs(at),
            ["kind"] = "commit",
            ["commit"] = new Dictionary<string, object> { ["rev"] = rkey + "d", ["operation"] = "delete", ["collection"] = "app.bsky.feed.post", ["rkey"] = rkey },
        });

    public static long TimeUs(DateTime at) => (at.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public static string PostUri(string did, string rkey) => $"at://{did}/app.bsky.feed.post/{rkey}";
}
