using SoMeScholar.Importers;

namespace SoMeScholar.Core.Archive;

/// <summary>
/// A typed, timed edge of the interaction graph (follow, mention, reply, repost, quote, like), actor → target.
/// Natural key: (<see cref="Platform"/>, <see cref="NaturalKey"/>): the record's AT-URI for Bluesky follows, likes
/// and reposts; otherwise a key derived from its parts (e.g. <c>mention:{post}:{target}</c>).
/// </summary>
public class Interaction
{
    public long Id { get; set; }
    public Platform Platform { get; set; }
    public InteractionKind Kind { get; set; }
    public required string NaturalKey { get; set; }

    public long SourceAccountId { get; set; }
    public Account? SourceAccount { get; set; }
    public long? TargetAccountId { get; set; }
    public Account? TargetAccount { get; set; }

    /// <summary>The post that makes the edge (the reply, the mentioning post, the repost), when there is one.</summary>
    public long? PostId { get; set; }

    /// <summary>The post acted upon (liked, reposted, quoted, replied to), by external id and resolved id.</summary>
    public string? SubjectExternalId { get; set; }
    public long? SubjectPostId { get; set; }

    public DateTime? OccurredAt { get; set; }
    public bool IsDeleted { get; set; }
    public DateTime? DeletedAt { get; set; }
    public long? ImportRunId { get; set; }
}
