using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Research;

/// <summary>Who acts: the signed-in user (web), or the user named by <c>--as</c> (command line).</summary>
public sealed record ResearchActor(string UserId, string UserName);

public enum StudyRight
{
    /// <summary>See the study's frames, snowball (by study code), transcripts, codebook, codings, analysis and audit trail.</summary>
    Read,

    /// <summary>Write memos (every member, auditors included).</summary>
    WriteMemos,

    /// <summary>Build frames, import and review transcripts, change the codebook, code (lead and coders).</summary>
    Edit,

    /// <summary>Change the team and the study, track the snowball, publish member checks (lead).</summary>
    Manage,

    /// <summary>Read the link from study codes to real people (lead).</summary>
    SeeIdentities,
}

public enum ResearchErrorKind
{
    NotFound,
    Forbidden,
    Invalid,
}

/// <summary>
/// A research operation refused. <see cref="ResearchErrorKind.NotFound"/> is also what a non-member gets for a study
/// that exists: the toolkit never tells outsiders whether a study, transcript or frame is there.
/// </summary>
public sealed class ResearchException : Exception
{
    public ResearchException()
    {
    }

    public ResearchException(string message)
        : base(message)
    {
    }

    public ResearchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResearchException(ResearchErrorKind kind, string message)
        : base(message) => Kind = kind;

    public ResearchErrorKind Kind { get; } = ResearchErrorKind.Invalid;

    public static ResearchException NotFound(string what) => new(ResearchErrorKind.NotFound, $"{what} not found, or not visible to you (a study is visible to its team only).");

    public static ResearchException Forbidden(string message) => new(ResearchErrorKind.Forbidden, message);

    public static ResearchException Invalid(string message) => new(ResearchErrorKind.Invalid, message);
}

/// <summary>
/// The one place study visibility is decided: a user sees a study only through a row in research_study_members.
/// Platform roles (administrator included) play no part; an administrator sees a study once the team adds them.
/// Every research operation goes through here before it reads or writes study data.
/// </summary>
public sealed class StudyAccess(ScholarDb db)
{
    /// <summary>The studies the user is on the team of.</summary>
    public IQueryable<Study> Visible(string userId) => db.Studies.Where(s => s.Members.Any(m => m.UserId == userId));

    public async Task<StudyRole?> RoleAsync(string userId, long studyId, CancellationToken cancellationToken = default) =>
        await db.StudyMembers.AsNoTracking()
            .Where(m => m.StudyId == studyId && m.UserId == userId)
            .Select(m => (StudyRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The actor's role in the study, or <see cref="ResearchErrorKind.NotFound"/> / <see cref="ResearchErrorKind.Forbidden"/>.</summary>
    public async Task<StudyRole> RequireAsync(ResearchActor actor, long studyId, StudyRight permission, CancellationToken cancellationToken = default)
    {
        var role = await RoleAsync(actor.UserId, studyId, cancellationToken) ?? throw ResearchException.NotFound($"Study {studyId}");
        if (!Allows(role, permission))
        {
            throw ResearchException.Forbidden(permission switch
            {
                StudyRight.Manage => "Only the study lead can do this.",
                StudyRight.SeeIdentities => "Only the study lead can see who participants are.",
                _ => "Auditors read the study; only the lead and coders change it.",
            });
        }

        return role;
    }

    /// <summary>Like <see cref="RequireAsync"/> for something that belongs to a study: the study id is looked up first.</summary>
    public async Task<(long StudyId, StudyRole Role)> RequireForAsync(ResearchActor actor, long? studyId, string what, StudyRight permission, CancellationToken cancellationToken = default)
    {
        if (studyId is not { } id || await RoleAsync(actor.UserId, id, cancellationToken) is null)
        {
            throw ResearchException.NotFound(what);
        }

        return (id, await RequireAsync(actor, id, permission, cancellationToken));
    }

    public Task<(long StudyId, StudyRole Role)> RequireTranscriptAsync(ResearchActor actor, long transcriptId, StudyRight permission, CancellationToken cancellationToken = default) =>
        StudyOfAsync(db.Transcripts.Where(t => t.Id == transcriptId).Select(t => (long?)t.StudyId), actor, $"Transcript {transcriptId}", permission, cancellationToken);

    public Task<(long StudyId, StudyRole Role)> RequireFrameAsync(ResearchActor actor, long frameId, StudyRight permission, CancellationToken cancellationToken = default) =>
        StudyOfAsync(db.SamplingFrames.Where(f => f.Id == frameId).Select(f => (long?)f.StudyId), actor, $"Frame {frameId}", permission, cancellationToken);

    public Task<(long StudyId, StudyRole Role)> RequireCodeAsync(ResearchActor actor, long codeId, StudyRight permission, CancellationToken cancellationToken = default) =>
        StudyOfAsync(db.Codes.Where(c => c.Id == codeId).Select(c => (long?)c.StudyId), actor, $"Code {codeId}", permission, cancellationToken);

    private async Task<(long StudyId, StudyRole Role)> StudyOfAsync(IQueryable<long?> studyOf, ResearchActor actor, string what, StudyRight permission, CancellationToken cancellationToken) =>
        await RequireForAsync(actor, await studyOf.FirstOrDefaultAsync(cancellationToken), what, permission, cancellationToken);

    public static bool Allows(StudyRole role, StudyRight permission) => permission switch
    {
        StudyRight.Read or StudyRight.WriteMemos => true,
        StudyRight.Edit => role is StudyRole.Lead or StudyRole.Coder,
        StudyRight.Manage or StudyRight.SeeIdentities => role == StudyRole.Lead,
        _ => false,
    };
}
