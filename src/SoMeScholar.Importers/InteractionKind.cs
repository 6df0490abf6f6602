namespace SoMeScholar.Importers;

/// <summary>The typed edges of the archive's interaction graph. Direction is always actor → target.</summary>
public enum InteractionKind
{
    /// <summary>Source follows target.</summary>
    Follow,
    /// <summary>Source's post mentions target.</summary>
    Mention,
    /// <summary>Source's post replies to a post by target.</summary>
    Reply,
    /// <summary>Source reposted (boosted, retweeted) a post by target.</summary>
    Repost,
    /// <summary>Source's post quotes a post by target.</summary>
    Quote,
    /// <summary>Source liked (favourited) a post by target.</summary>
    Like,
}

/// <summary>What a post is, structurally. A repost is stored as a post of its own (it has an id, an author and a time).</summary>
public enum PostKind
{
    Original,
    Reply,
    Quote,
    Repost,
}
