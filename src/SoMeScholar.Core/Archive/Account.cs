using SoMeScholar.Core.People;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Archive;

/// <summary>
/// A platform-qualified social-media account. Natural key: (<see cref="Platform"/>, <see cref="ExternalId"/>),
/// the DID on Bluesky, the actor URI on Mastodon, the numeric user id on X; never the handle, which can change.
/// </summary>
public class Account
{
    public long Id { get; set; }
    public Platform Platform { get; set; }
    public required string ExternalId { get; set; }
    public string? Handle { get; set; }
    public string? DisplayName { get; set; }
    public string? Bio { get; set; }
    public string? ProfileUrl { get; set; }
    public string? AvatarUrl { get; set; }
    public DateTime? CreatedAt { get; set; }
    public AccountStatus Status { get; set; }

    /// <summary>When the archive first saw the account (as an author, or as the target of an edge).</summary>
    public DateTime FirstSeenAt { get; set; }

    /// <summary>The person who owns this account, when known. A person may own several accounts.</summary>
    public long? PersonId { get; set; }
    public Person? Person { get; set; }

    public List<FollowerSnapshot> FollowerSnapshots { get; } = [];

    public string Label => Handle ?? DisplayName ?? ExternalId;
}

/// <summary>Follower, following and post counts an account reported at a moment. Impressions use the snapshot nearest a window's end.</summary>
public class FollowerSnapshot
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public Account? Account { get; set; }
    public DateTime ObservedAt { get; set; }
    public long? Followers { get; set; }
    public long? Following { get; set; }
    public long? Posts { get; set; }
}
