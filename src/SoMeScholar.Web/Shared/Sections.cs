namespace SoMeScholar.Web.Shared;

/// <summary>A capability's place in the navigation.</summary>
public sealed record Section(int Number, string Title, string Path, string Summary);

/// <summary>The ten capabilities of PRODUCT.md, in the order the navigation shows them.</summary>
public static class Sections
{
    public static readonly IReadOnlyList<Section> All =
    [
        new(1, "Archive", "/Archive", "Posts, accounts and interactions imported from Bluesky, Mastodon and X/Twitter."),
        new(2, "Network", "/Network", "Influence in a community's network: degree, eigenvector, betweenness, PageRank and communities."),
        new(3, "Hashtags", "/Hashtags", "Hashtag and conference analytics, and the moderated live wall."),
        new(4, "Resources", "/Resources", "Open-access education resources, peer review with validated instruments, endorsements."),
        new(5, "Discussions", "/Discussions", "Moderated post-publication discussion."),
        new(6, "Uptake", "/Uptake", "Knowledge-uptake reports: how a resource was used in practice."),
        new(7, "Portfolio", "/Portfolio", "Scholarship portfolios and promotion dossiers mapped to published criteria."),
        new(8, "Mentors", "/Mentors", "Mentor discovery for trainees across institutions."),
        new(9, "Check", "/Check", "Professionalism check of a draft post before it is published."),
        new(10, "Research", "/Research", "Sampling frames, snowball sampling and qualitative coding."),
    ];

    public static Section Get(int number) => All[number - 1];
}
