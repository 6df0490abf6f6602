namespace SoMeScholar.Importers;

/// <summary>The social network a record came from. Every account, post and edge is qualified by it.</summary>
public enum Platform
{
    Bluesky,
    Mastodon,
    X,
    /// <summary>Data whose network is unknown, e.g. a CSV edge list imported without <c>--platform</c>.</summary>
    Other,
}

public static class PlatformNames
{
    public static string ToSlug(this Platform platform) => platform switch
    {
        Platform.Bluesky => "bluesky",
        Platform.Mastodon => "mastodon",
        Platform.X => "x",
        _ => "other",
    };

    public static bool TryParse(string? value, out Platform platform)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "bluesky" or "bsky" or "atproto":
                platform = Platform.Bluesky;
                return true;
            case "mastodon" or "activitypub" or "fediverse":
                platform = Platform.Mastodon;
                return true;
            case "x" or "twitter":
                platform = Platform.X;
                return true;
            case "other":
                platform = Platform.Other;
                return true;
            default:
                platform = default;
                return false;
        }
    }
}
