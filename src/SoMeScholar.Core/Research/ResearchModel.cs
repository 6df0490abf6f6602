using SoMeScholar.Core.Users;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Research;

/// <summary>What a team member may do in a study. Administrators of the platform have no role unless the team adds them.</summary>
public enum StudyRole
{
    /// <summary>Runs the study: the team, real identities of participants, the member check, everything a coder does.</summary>
    Lead,

    /// <summary>Builds frames, imports and de-identifies transcripts, changes the codebook, codes and writes memos.</summary>
    Coder,

    /// <summary>Reads everything but real identities, exports the audit trail and the project, writes memos; changes nothing else.</summary>
    Auditor,
}

/// <summary>A research study: its title, ethics approval and team. Everything hanging off it is visible only to the team.</summary>
public class Study
{
    public long Id { get; set; }
    public required string Title { get; set; }

    /// <summary>The research ethics board's approval reference, e.g. "REB #5609".</summary>
    public string? EthicsReference { get; set; }

    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }

    /// <summary>True for the demo study: labelled synthetic wherever it shows.</summary>
    public bool IsSynthetic { get; set; }

    public List<StudyMember> Members { get; } = [];
}

public class StudyMember
{
    public long StudyId { get; set; }
    public Study? Study { get; set; }
    public required string UserId { get; set; }
    public ScholarUser? User { get; set; }
    public StudyRole Role { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>
/// Someone whose codings the study holds: a team member, or a coder named in an imported REFI-QDA project (then
/// <see cref="UserId"/> is null). Inter-coder agreement compares coders.
/// </summary>
public class StudyCoder
{
    public long Id { get; set; }
    public long StudyId { get; set; }
    public string? UserId { get; set; }
    public required string Name { get; set; }
    public Guid ExchangeId { get; set; }
}

public enum FrameKind
{
    /// <summary>The influencer method of the network capability (top k per measure, union and intersection).</summary>
    Influencers,

    /// <summary>Accounts that took part in hashtags in a window: active (posted), passive (only reposted) or both.</summary>
    HashtagParticipants,

    /// <summary>Accounts whose profile text contains the keywords.</summary>
    BioKeywords,

    /// <summary>A list the researcher uploaded (handles, profile addresses or account ids), matched to the archive where possible.</summary>
    UploadedList,
}

/// <summary>
/// A sampling frame: the accounts a study may recruit from, with the method and parameters that produced it
/// (<see cref="ParametersJson"/>) and the software version, so the frame can be rebuilt.
/// </summary>
public class SamplingFrame
{
    public long Id { get; set; }
    public long StudyId { get; set; }
    public required string Name { get; set; }
    public FrameKind Kind { get; set; }

    /// <summary>The method's name, e.g. "hashtag-participants" or "riddell-top-k".</summary>
    public required string Method { get; set; }

    /// <summary>Every parameter of the method as JSON (tags, window, thresholds, k, measures...).</summary>
    public required string ParametersJson { get; set; }

    /// <summary>Totals the method reports (e.g. union and intersection sizes), as JSON.</summary>
    public string? SummaryJson { get; set; }

    public required string SoftwareVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    public int MemberCount { get; set; }
}

public class FrameMember
{
    public long Id { get; set; }
    public long FrameId { get; set; }

    /// <summary>1-based rank or list position.</summary>
    public int Position { get; set; }

    /// <summary>The archive account, when the entry matched one.</summary>
    public long? AccountId { get; set; }

    public required string Label { get; set; }
    public string? DisplayName { get; set; }
    public Platform? Platform { get; set; }
    public string? ProfileUrl { get; set; }
    public string? Specialty { get; set; }
    public string? Profession { get; set; }

    /// <summary>What put the account in the frame (posts, reposts, ranks...), as JSON.</summary>
    public string? DetailsJson { get; set; }
}

public enum SampleMethod
{
    Random,
    Stratified,
}

/// <summary>A sample drawn from a frame with a recorded seed: the same frame, method, size and seed always draw the same members.</summary>
public class FrameSample
{
    public long Id { get; set; }
    public long FrameId { get; set; }
    public SampleMethod Method { get; set; }
    public int Seed { get; set; }
    public int Size { get; set; }

    /// <summary>platform, specialty or profession for a stratified sample.</summary>
    public string? StratifyBy { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    public required string SoftwareVersion { get; set; }
}

public class FrameSampleMember
{
    public long SampleId { get; set; }
    public long FrameMemberId { get; set; }
    public FrameMember? FrameMember { get; set; }
    public int DrawOrder { get; set; }
    public string? Stratum { get; set; }
}

public enum InvitationStatus
{
    NotInvited,
    Invited,
    Accepted,
    Declined,
    NoResponse,
}

public enum ConsentStatus
{
    NotAsked,
    Pending,
    Consented,
    Refused,
    Withdrawn,
}

public enum InterviewStatus
{
    NotScheduled,
    Scheduled,
    Completed,
    Cancelled,
}

/// <summary>
/// A person in the snowball, known to the team only by a study code (P1, P2...). Who they really are is in
/// <see cref="ParticipantIdentity"/>, a separate table only the lead can read.
/// </summary>
public class Participant
{
    public long Id { get; set; }
    public long StudyId { get; set; }

    /// <summary>The n of the study code Pn, unique in the study.</summary>
    public int Number { get; set; }

    /// <summary>0 for seeds; otherwise one more than the wave of the participant who first named them.</summary>
    public int Wave { get; set; }

    public bool IsSeed { get; set; }

    /// <summary>The participant whose nomination first brought this one in (the parent in the referral tree).</summary>
    public long? ReferredById { get; set; }

    public long? FrameMemberId { get; set; }

    public InvitationStatus Invitation { get; set; }
    public DateTime? InvitedAt { get; set; }
    public ConsentStatus Consent { get; set; }
    public DateTime? ConsentAt { get; set; }
    public InterviewStatus Interview { get; set; }
    public DateTime? InterviewAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid ExchangeId { get; set; }

    public string Code => CodeFor(Number);

    public static string CodeFor(int number) => "P" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The link from a study code to a real person. Kept apart from <see cref="Participant"/>; only the lead reads it.</summary>
public class ParticipantIdentity
{
    public long ParticipantId { get; set; }
    public required string Name { get; set; }

    /// <summary>E-mail address or handle used to contact them.</summary>
    public string? Contact { get; set; }

    public long? AccountId { get; set; }
    public string? Notes { get; set; }
}

/// <summary>Participant <see cref="NominatorId"/> named <see cref="NomineeId"/> on <see cref="NominatedAt"/>.</summary>
public class Nomination
{
    public long Id { get; set; }
    public long StudyId { get; set; }
    public long NominatorId { get; set; }
    public long NomineeId { get; set; }
    public DateTime NominatedAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }
}

public enum TranscriptFormat
{
    PlainText,
    Markdown,
    Docx,
    RefiQda,
}

public enum TranscriptStatus
{
    /// <summary>Imported; the coder reviews each de-identification replacement before anyone codes it.</summary>
    InReview,

    /// <summary>De-identification approved: <see cref="Transcript.Text"/> is final and can be coded.</summary>
    Ready,
}

/// <summary>
/// An interview transcript. While in review, <see cref="OriginalText"/> holds the imported text and the replacements
/// hold what the de-identification found; on approval the final text is written to <see cref="Text"/> and the
/// original (with every identifier) is erased from the store.
/// </summary>
public class Transcript
{
    public long Id { get; set; }
    public long StudyId { get; set; }
    public required string Title { get; set; }
    public long? ParticipantId { get; set; }
    public TranscriptFormat Format { get; set; }
    public string? SourceFileName { get; set; }
    public string? OriginalText { get; set; }

    /// <summary>The de-identified text coding offsets refer to (UTF-16 code units); a preview while in review.</summary>
    public string Text { get; set; } = "";

    public TranscriptStatus Status { get; set; }
    public DateTime ImportedAt { get; set; }
    public required string ImportedByUserId { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovedByUserId { get; set; }
    public Guid ExchangeId { get; set; }
}

public enum ReplacementDecision
{
    Pending,
    Accepted,
    Rejected,
    Edited,
}

/// <summary>One identifier the de-identification replaced (or the coder added), and the coder's decision on it.</summary>
public class DeidReplacement
{
    public long Id { get; set; }
    public long TranscriptId { get; set; }
    public int OriginalStart { get; set; }
    public int OriginalLength { get; set; }

    /// <summary>The identifier itself; erased when the transcript is approved.</summary>
    public string? OriginalText { get; set; }

    public required string Category { get; set; }
    public required string Tag { get; set; }
    public string? Reason { get; set; }

    /// <summary>Added by the coder (a name the detector missed), not by the check.</summary>
    public bool IsManual { get; set; }

    public ReplacementDecision Decision { get; set; }

    /// <summary>The coder's own replacement text when <see cref="Decision"/> is Edited.</summary>
    public string? EditedText { get; set; }

    public string? DecidedByUserId { get; set; }
    public DateTime? DecidedAt { get; set; }

    /// <summary>What goes into the final text in place of the identifier.</summary>
    public string? Replacement => Decision switch
    {
        ReplacementDecision.Rejected => OriginalText,
        ReplacementDecision.Edited => EditedText,
        _ => Tag,
    };
}

/// <summary>A code of the hierarchical codebook.</summary>
public class Code
{
    public long Id { get; set; }
    public long StudyId { get; set; }
    public long? ParentId { get; set; }
    public required string Name { get; set; }
    public string? Definition { get; set; }
    public string? Inclusion { get; set; }
    public string? Exclusion { get; set; }
    public string? Examples { get; set; }

    /// <summary>#RRGGBB.</summary>
    public string Color { get; set; } = "#0f6e8c";

    public int SortOrder { get; set; }
    public Guid ExchangeId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A theme, or a category inside a theme (ParentId set), that groups codes for the analysis.</summary>
public class Theme
{
    public long Id { get; set; }
    public long StudyId { get; set; }
    public long? ParentId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    public Guid ExchangeId { get; set; }
}

public class ThemeCode
{
    public long ThemeId { get; set; }
    public long CodeId { get; set; }
}

/// <summary>One code applied by one coder to the characters [Start, End) of a ready transcript.</summary>
public class Coding
{
    public long Id { get; set; }
    public long StudyId { get; set; }
    public long TranscriptId { get; set; }
    public long CodeId { get; set; }
    public long CoderId { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid ExchangeId { get; set; }
}

public enum MemoTarget
{
    Study,
    Code,
    Transcript,
    Span,
    Theme,
}

/// <summary>A memo on the study, a code, a transcript, a span of a transcript or a theme. Member-check comments arrive as memos.</summary>
public class Memo
{
    public long Id { get; set; }
    public long StudyId { get; set; }
    public MemoTarget Target { get; set; }
    public long? CodeId { get; set; }
    public long? TranscriptId { get; set; }
    public long? ThemeId { get; set; }
    public int? Start { get; set; }
    public int? End { get; set; }

    /// <summary>Markdown.</summary>
    public required string Text { get; set; }

    public string? AuthorUserId { get; set; }
    public required string AuthorLabel { get; set; }
    public DateTime CreatedAt { get; set; }
    public long? MemberCheckCommentId { get; set; }
    public Guid ExchangeId { get; set; }
}

public enum CodebookAction
{
    CodeCreated,
    CodeEdited,
    CodeRenamed,
    CodeMoved,
    CodesMerged,
    CodeSplit,
    CodeDeleted,
    ThemeCreated,
    ThemeEdited,
    ThemeDeleted,
    ThemeCodesChanged,
    CodebookImported,
}

/// <summary>
/// One entry of a study's codebook audit trail: who changed what, when and why. Append-only (the store refuses
/// updates and deletes), and each entry carries the SHA-256 of its content and of the previous entry, so a gap or
/// an edit outside the application shows when the chain is verified.
/// </summary>
public class CodebookChange
{
    public long Id { get; set; }
    public long StudyId { get; set; }

    /// <summary>1, 2, 3... within the study.</summary>
    public int Sequence { get; set; }

    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public CodebookAction Action { get; set; }
    public long? CodeId { get; set; }

    /// <summary>The code or theme the change is about, by name at the time.</summary>
    public required string Subject { get; set; }

    /// <summary>What changed, in words.</summary>
    public required string Summary { get; set; }

    /// <summary>Before and after, as JSON.</summary>
    public required string DetailsJson { get; set; }

    /// <summary>Why: required for every change.</summary>
    public required string Reason { get; set; }

    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>
/// A findings page published to participants through a private link (the token is 256 random bits; the store
/// keeps its SHA-256 for lookup and a data-protected copy the lead can read). Comments are taken until
/// <see cref="ClosesAt"/>; after that, or once withdrawn, the link shows nothing.
/// </summary>
public class MemberCheck
{
    public long Id { get; set; }
    public long StudyId { get; set; }
    public required string Title { get; set; }
    public string? Introduction { get; set; }
    public required string TokenHash { get; set; }
    public required string ProtectedToken { get; set; }
    public DateTime PublishedAt { get; set; }
    public required string PublishedByUserId { get; set; }
    public DateTime ClosesAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
}

public class MemberCheckFinding
{
    public long Id { get; set; }
    public long MemberCheckId { get; set; }
    public int Order { get; set; }
    public long? ThemeId { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
}

/// <summary>A de-identified quote, copied from a ready transcript when the page was published.</summary>
public class MemberCheckQuote
{
    public long Id { get; set; }
    public long FindingId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }
    public string? ParticipantCode { get; set; }
}

public class MemberCheckComment
{
    public long Id { get; set; }
    public long MemberCheckId { get; set; }
    public long? FindingId { get; set; }
    public required string Text { get; set; }

    /// <summary>A study code the participant chose to give, or null (anonymous).</summary>
    public string? ParticipantCode { get; set; }

    public DateTime CreatedAt { get; set; }
}
