using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Research;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<Study> Studies => Set<Study>();
    public DbSet<StudyMember> StudyMembers => Set<StudyMember>();
    public DbSet<StudyCoder> StudyCoders => Set<StudyCoder>();
    public DbSet<SamplingFrame> SamplingFrames => Set<SamplingFrame>();
    public DbSet<FrameMember> FrameMembers => Set<FrameMember>();
    public DbSet<FrameSample> FrameSamples => Set<FrameSample>();
    public DbSet<FrameSampleMember> FrameSampleMembers => Set<FrameSampleMember>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<ParticipantIdentity> ParticipantIdentities => Set<ParticipantIdentity>();
    public DbSet<Nomination> Nominations => Set<Nomination>();
    public DbSet<Transcript> Transcripts => Set<Transcript>();
    public DbSet<DeidReplacement> DeidReplacements => Set<DeidReplacement>();
    public DbSet<Code> Codes => Set<Code>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<ThemeCode> ThemeCodes => Set<ThemeCode>();
    public DbSet<Coding> Codings => Set<Coding>();
    public DbSet<Memo> Memos => Set<Memo>();
    public DbSet<CodebookChange> CodebookChanges => Set<CodebookChange>();
    public DbSet<MemberCheck> MemberChecks => Set<MemberCheck>();
    public DbSet<MemberCheckFinding> MemberCheckFindings => Set<MemberCheckFinding>();
    public DbSet<MemberCheckQuote> MemberCheckQuotes => Set<MemberCheckQuote>();
    public DbSet<MemberCheckComment> MemberCheckComments => Set<MemberCheckComment>();
}
