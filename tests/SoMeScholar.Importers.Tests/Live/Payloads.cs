using System.Text.Json;

namespace SoMeScholar.Importers.Tests.Live;

/// <summary>Responses built from the lexicon and API documentation shapes (no recorded AppView response exists).</summary>
internal static class Payloads
{
    public static string Profile(string did, string handle, int? followers = null) => followers is { } count
        ? $$"""{"did":"{{did}}","handle":"{{handle}}","displayName":"{{handle}}","followersCount":{{count}},"followsCount":7,"postsCount":30,"indexedAt":"2026-01-01T00:00:00.000Z","createdAt":"2024-01-01T00:00:00.000Z"}"""
        : $$"""{"did":"{{did}}","handle":"{{handle}}","displayName":"{{handle}}","avatar":"https://cdn.bsky.app/img/avatar/plain/{{did}}/bafkavatar@jpeg","createdAt":"2024-01-01T00:00:00.000Z"}""";

    public static string PostView(string did, string rkey, string text, string tag, string? quoteUri = null)
    {
        var start = System.Text.Encoding.UTF8.GetByteCount(text);
        var fullText = text + "#" + tag;
        var embed = quoteUri is null ? "" : $$$""","embed":{"$type":"app.bsky.embed.record","record":{"uri":"{{{quoteUri}}}","cid":"bafyq"}}""";
        var embedView = quoteUri is null ? "" : $$$""","embed":{"$type":"app.bsky.embed.record#view","record":{"$type":"app.bsky.embed.record#viewRecord","uri":"{{{quoteUri}}}","cid":"bafyq","author":{{{Profile("did:plc:quoted", "quoted.test")}}},"value":{"$type":"app.bsky.feed.post","text":"the quoted one","createdAt":"2026-01-01T09:00:00.000Z"},"indexedAt":"2026-01-01T09:00:01.000Z"}}""";
        return $$"""{"uri":"at://{{did}}/app.bsky.feed.post/{{rkey}}","cid":"bafy{{rkey}}","author":{{Profile(did, did[8..] + ".test")}},"record":{"$type":"app.bsky.feed.post","text":{{JsonSerializer.Serialize(fullText)}},"createdAt":"2026-01-02T10:00:00.000Z","facets":[{"index":{"byteStart":{{start}},"byteEnd":{{start + 1 + tag.Length}}},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"{{tag}}"}]}]{{embed}}}{{embedView}},"replyCount":1,"repostCount":2,"likeCount":3,"quoteCount":0,"indexedAt":"2026-01-02T10:00:01.000Z"}""";
    }

    public static string MastodonAccount(string id, string name, int followers = 10) =>
        $$"""{"id":"{{id}}","username":"{{name}}","acct":"{{name}}","display_name":"{{name}}","url":"https://med.example/@{{name}}","uri":"https://med.example/users/{{name}}","created_at":"2020-01-01T00:00:00.000Z","note":"<p>bio</p>","followers_count":{{followers}},"following_count":5,"statuses_count":3}""";

    public static string MastodonStatus(string id, string author = "alice", string tag = "MedEd") =>
        $$"""{"id":"{{id}}","created_at":"2026-01-02T10:00:{{int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) % 60:00}}.000Z","uri":"https://med.example/users/{{author}}/statuses/{{id}}","url":"https://med.example/@{{author}}/{{id}}","content":"<p>status {{id}} <a href=\"https://med.example/tags/{{tag}}\" class=\"mention hashtag\" rel=\"tag\">#<span>{{tag}}</span></a></p>","account":{{MastodonAccount("1", author)}},"reblog":null,"tags":[{"name":"{{tag}}","url":"https://med.example/tags/{{tag}}"}],"mentions":[],"media_attachments":[],"replies_count":0,"reblogs_count":0,"favourites_count":0}""";
}
