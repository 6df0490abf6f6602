namespace SoMeScholar.Core.Discussions;

/// <summary>
/// The discussion thresholds, bound from configuration section <c>Discussions</c> (e.g. <c>Discussions__HideFlagWeight=5</c>).
/// Trust levels follow Discourse's ladder (anchors-domain.md section 11) but count what this platform can observe:
/// accepted (published and never hidden by a moderator) comments, distinct threads taken part in, and days since
/// the account was created. docs/discussions.md lists the defaults and their rationale.
/// </summary>
public sealed class DiscussionOptions
{
    public const string Section = "Discussions";

    /// <summary>TL0 → TL1 (Basic): accepted comments needed. Below it every comment waits in the moderation queue.</summary>
    public int BasicAcceptedComments { get; set; } = 2;

    /// <summary>TL1 → TL2 (Member).</summary>
    public int MemberAcceptedComments { get; set; } = 10;

    public int MemberThreads { get; set; } = 3;
    public int MemberDays { get; set; } = 15;

    /// <summary>TL2 → TL3 (Regular).</summary>
    public int RegularAcceptedComments { get; set; } = 30;

    public int RegularThreads { get; set; } = 10;
    public int RegularDays { get; set; } = 50;

    /// <summary>A comment a moderator hid or rejected in the last this-many days keeps its author from rising above Basic.</summary>
    public int CleanRecordDays { get; set; } = 30;

    /// <summary>The lowest level that may flag (Discourse: TL0 cannot flag).</summary>
    public TrustLevel MinimumFlagLevel { get; set; } = TrustLevel.Basic;

    /// <summary>Flags from Basic and Member count 1, from Regular and above (and moderators) <see cref="TrustedFlagWeight"/>.</summary>
    public int TrustedFlagWeight { get; set; } = 2;

    /// <summary>A published comment is hidden pending review when its unresolved flags weigh at least this much.</summary>
    public int HideFlagWeight { get; set; } = 3;

    /// <summary>Mentions notified per comment (Discourse lets new users mention 2); more are left as text.</summary>
    public int NewMemberMentions { get; set; } = 2;

    public int MaxMentions { get; set; } = 10;

    /// <summary>Comments longer than this are refused.</summary>
    public int MaxCommentLength { get; set; } = 10_000;

    public int FlagWeight(TrustLevel level) => level >= TrustLevel.Regular ? TrustedFlagWeight : 1;
}
