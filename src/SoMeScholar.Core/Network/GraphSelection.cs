using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SoMeScholar.Core.Archive;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Network;

/// <summary>
/// Which part of the archive becomes a graph: nodes are accounts (node id = the account's external id, label = its
/// handle), edges are interactions of the chosen kinds from source to target, counted per ordered pair. Stored with
/// every analysis as its input, so the graph can be rebuilt. docs/network.md gives the exact rules.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Platforms</b>: empty means every platform.</item>
/// <item><b>Hashtags</b> (case-folded, without '#'): an edge qualifies when the post that makes it (the mentioning post,
/// the reply, the repost, the quote) or the post it acts on (the liked, reposted, quoted or replied-to post) carries one
/// of the tags; a follow qualifies when both accounts are participants (authored a post carrying a tag inside the
/// window). Empty means no hashtag filter.</item>
/// <item><b>Window</b> [<see cref="From"/>, <see cref="To"/>): an edge's time must fall inside; edges without a time
/// (follow lists read from an API) are kept.</item>
/// <item><b>Accounts</b> (handles, with or without '@', or external ids): the graph induced on these accounts; every
/// listed account is a node even without edges. Empty means every account.</item>
/// <item><b>Minimum weight</b>: ordered pairs with fewer qualifying interactions are dropped.</item>
/// <item>Deleted edges (and the edges of deleted posts) never count; edges whose target is not a known account are
/// skipped; self-loops (an account replying to itself) are dropped unless <see cref="SelfLoops"/>.</item>
/// <item><b>Weighted</b>: the edge weight is the interaction count (networkx-preset PageRank and Louvain then use it,
/// as networkx does with weight="weight"); otherwise the graph is unweighted.</item>
/// </list>
/// </remarks>
public sealed record GraphSelection
{
    public static readonly IReadOnlyList<InteractionKind> DefaultKinds = [InteractionKind.Mention, InteractionKind.Reply, InteractionKind.Repost, InteractionKind.Quote];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IReadOnlyList<Platform> Platforms { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public IReadOnlyList<InteractionKind> Kinds { get; init; } = DefaultKinds;
    public IReadOnlyList<string> Accounts { get; init; } = [];
    public int MinWeight { get; init; } = 1;
    public bool Weighted { get; init; } = true;
    public bool SelfLoops { get; init; }

    /// <summary>The selection with hashtags folded, lists de-duplicated and sorted, so equal selections serialise equally.</summary>
    public GraphSelection Normalized() => this with
    {
        Platforms = Platforms.Distinct().Order().ToList(),
        Hashtags = Hashtags.Select(PostHashtag.Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        Kinds = (Kinds.Count == 0 ? DefaultKinds : Kinds).Distinct().Order().ToList(),
        Accounts = Accounts.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
        MinWeight = Math.Max(1, MinWeight),
        From = From is { } from ? DateTime.SpecifyKind(from, DateTimeKind.Utc) : null,
        To = To is { } to ? DateTime.SpecifyKind(to, DateTimeKind.Utc) : null,
    };

    public void Validate()
    {
        if (From is { } from && To is { } to && to <= from)
        {
            throw new ArgumentException($"The window ends ({to:O}) before it starts ({from:O}).");
        }

        if (MinWeight < 1)
        {
            throw new ArgumentException("The minimum edge weight is at least 1.");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(Normalized(), Json);

    public static GraphSelection FromJson(string json) => JsonSerializer.Deserialize<GraphSelection>(json, Json) ?? new GraphSelection();

    /// <summary>One line for lists and file descriptions, e.g. "mention, reply · #somedemo26 · 2026-10-14 to 2026-10-17 · weight ≥ 2".</summary>
    public string Describe()
    {
        var parts = new List<string> { string.Join(", ", Kinds.Select(KindName)) };
        if (Platforms.Count > 0)
        {
            parts.Add(string.Join(", ", Platforms));
        }

        if (Hashtags.Count > 0)
        {
            parts.Add(string.Join(" ", Hashtags.Select(t => "#" + t)));
        }

        if (From is not null || To is not null)
        {
            parts.Add($"{From?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "start"} to {To?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "now"} UTC");
        }

        if (Accounts.Count > 0)
        {
            parts.Add($"{Accounts.Count} listed accounts");
        }

        if (MinWeight > 1)
        {
            parts.Add($"weight ≥ {MinWeight}");
        }

        parts.Add(Weighted ? "weighted by count" : "unweighted");
        return string.Join(" · ", parts);
    }

    public static string KindName(InteractionKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Parses "follow,mention,reply" (also "mentions", "replies", "retweet", "boost", "favourite").</summary>
    public static IReadOnlyList<InteractionKind> ParseKinds(string text)
    {
        var kinds = new List<InteractionKind>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kinds.Add(part.ToLowerInvariant() switch
            {
                "follow" or "follows" => InteractionKind.Follow,
                "mention" or "mentions" => InteractionKind.Mention,
                "reply" or "replies" => InteractionKind.Reply,
                "repost" or "reposts" or "retweet" or "retweets" or "boost" or "boosts" => InteractionKind.Repost,
                "quote" or "quotes" => InteractionKind.Quote,
                "like" or "likes" or "favourite" or "favorite" => InteractionKind.Like,
                "all" => throw new ArgumentException("List the kinds: follow, mention, reply, repost, quote, like."),
                _ => throw new ArgumentException($"Unknown edge kind '{part}'; use follow, mention, reply, repost, quote or like."),
            });
        }

        return kinds.Distinct().ToList();
    }

    public static IReadOnlyList<Platform> ParsePlatforms(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParsePlatform).Distinct().ToList();

    public static Platform ParsePlatform(string text)
    {
        if (text.Equals("twitter", StringComparison.OrdinalIgnoreCase))
        {
            return Platform.X;
        }

        return Enum.TryParse<Platform>(text, ignoreCase: true, out var platform) && Enum.IsDefined(platform)
            ? platform
            : throw new ArgumentException($"Unknown platform '{text}'; use bluesky, mastodon, x or other.");
    }

    /// <summary>Edge-kind bit for <see cref="SelectionGraph.EdgeKinds"/>.</summary>
    public static byte KindBit(InteractionKind kind) => (byte)(1 << (int)kind);

    /// <summary>NodeXL's "Relationship" text for a set of kinds (e.g. "Mentions; Replies to").</summary>
    public static string Relationship(byte kinds)
    {
        var text = new StringBuilder();
        foreach (var kind in Enum.GetValues<InteractionKind>())
        {
            if ((kinds & KindBit(kind)) == 0)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(kind switch
            {
                InteractionKind.Follow => "Follows",
                InteractionKind.Mention => "Mentions",
                InteractionKind.Reply => "Replies to",
                InteractionKind.Repost => "Retweet",
                InteractionKind.Quote => "Quote",
                InteractionKind.Like => "Likes",
                _ => kind.ToString(),
            });
        }

        return text.ToString();
    }
}
