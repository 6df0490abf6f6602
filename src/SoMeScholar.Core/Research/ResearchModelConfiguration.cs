using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Research;

// Every research table is prefixed research_. Study data hangs off research_studies by cascade, except the codebook
// audit trail, which is append-only (the migration adds triggers that refuse updates and deletes) and so restricts.

internal sealed class StudyConfiguration : IEntityTypeConfiguration<Study>
{
    public void Configure(EntityTypeBuilder<Study> study)
    {
        study.ToTable("research_studies");
        study.Property(s => s.Title).HasMaxLength(512);
        study.Property(s => s.EthicsReference).HasMaxLength(256);
        study.Property(s => s.CreatedByUserId).HasMaxLength(450);
    }
}

internal sealed class StudyMemberConfiguration : IEntityTypeConfiguration<StudyMember>
{
    public void Configure(EntityTypeBuilder<StudyMember> member)
    {
        member.ToTable("research_study_members");
        member.HasKey(m => new { m.StudyId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.HasOne(m => m.Study).WithMany(s => s.Members).HasForeignKey(m => m.StudyId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StudyCoderConfiguration : IEntityTypeConfiguration<StudyCoder>
{
    public void Configure(EntityTypeBuilder<StudyCoder> coder)
    {
        coder.ToTable("research_coders");
        coder.Property(c => c.Name).HasMaxLength(256);
        coder.HasIndex(c => new { c.StudyId, c.UserId }).IsUnique();
        coder.HasIndex(c => c.UserId);
        coder.HasOne<Study>().WithMany().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Cascade);
        coder.HasOne<ScholarUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SamplingFrameConfiguration : IEntityTypeConfiguration<SamplingFrame>
{
    public void Configure(EntityTypeBuilder<SamplingFrame> frame)
    {
        frame.ToTable("research_frames");
        frame.Property(f => f.Name).HasMaxLength(256);
        frame.Property(f => f.Method).HasMaxLength(64);
        frame.Property(f => f.SoftwareVersion).HasMaxLength(64);
        frame.Property(f => f.CreatedByUserId).HasMaxLength(450);
        frame.HasIndex(f => f.StudyId);
        frame.HasOne<Study>().WithMany().HasForeignKey(f => f.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FrameMemberConfiguration : IEntityTypeConfiguration<FrameMember>
{
    public void Configure(EntityTypeBuilder<FrameMember> member)
    {
        member.ToTable("research_frame_members");
        member.Property(m => m.Label).HasMaxLength(512);
        member.Property(m => m.DisplayName).HasMaxLength(512);
        member.Property(m => m.ProfileUrl).HasMaxLength(2048);
        member.Property(m => m.Specialty).HasMaxLength(128);
        member.Property(m => m.Profession).HasMaxLength(64);
        member.HasIndex(m => new { m.FrameId, m.Position }).IsUnique();
        member.HasIndex(m => m.AccountId);
        member.HasOne<SamplingFrame>().WithMany().HasForeignKey(m => m.FrameId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class FrameSampleConfiguration : IEntityTypeConfiguration<FrameSample>
{
    public void Configure(EntityTypeBuilder<FrameSample> sample)
    {
        sample.ToTable("research_samples");
        sample.Property(s => s.StratifyBy).HasMaxLength(32);
        sample.Property(s => s.SoftwareVersion).HasMaxLength(64);
        sample.Property(s => s.CreatedByUserId).HasMaxLength(450);
        sample.HasIndex(s => s.FrameId);
        sample.HasOne<SamplingFrame>().WithMany().HasForeignKey(s => s.FrameId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FrameSampleMemberConfiguration : IEntityTypeConfiguration<FrameSampleMember>
{
    public void Configure(EntityTypeBuilder<FrameSampleMember> member)
    {
        member.ToTable("research_sample_members");
        member.HasKey(m => new { m.SampleId, m.FrameMemberId });
        member.Property(m => m.Stratum).HasMaxLength(256);
        member.HasIndex(m => m.FrameMemberId);
        member.HasOne<FrameSample>().WithMany().HasForeignKey(m => m.SampleId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne(m => m.FrameMember).WithMany().HasForeignKey(m => m.FrameMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> participant)
    {
        participant.ToTable("research_participants");
        participant.Ignore(p => p.Code);
        participant.HasIndex(p => new { p.StudyId, p.Number }).IsUnique();
        participant.HasIndex(p => p.ReferredById);
        participant.HasIndex(p => p.FrameMemberId);
        participant.HasOne<Study>().WithMany().HasForeignKey(p => p.StudyId).OnDelete(DeleteBehavior.Cascade);
        participant.HasOne<Participant>().WithMany().HasForeignKey(p => p.ReferredById).OnDelete(DeleteBehavior.SetNull);
        participant.HasOne<FrameMember>().WithMany().HasForeignKey(p => p.FrameMemberId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ParticipantIdentityConfiguration : IEntityTypeConfiguration<ParticipantIdentity>
{
    public void Configure(EntityTypeBuilder<ParticipantIdentity> identity)
    {
        identity.ToTable("research_participant_identities");
        identity.HasKey(i => i.ParticipantId);
        identity.Property(i => i.Name).HasMaxLength(512);
        identity.Property(i => i.Contact).HasMaxLength(512);
        identity.HasIndex(i => i.AccountId);
        identity.HasOne<Participant>().WithOne().HasForeignKey<ParticipantIdentity>(i => i.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        identity.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Nomination> nomination)
    {
        nomination.ToTable("research_nominations");
        nomination.Property(n => n.RecordedByUserId).HasMaxLength(450);
        nomination.HasIndex(n => new { n.NominatorId, n.NomineeId }).IsUnique();
        nomination.HasIndex(n => n.NomineeId);
        nomination.HasIndex(n => n.StudyId);
        nomination.HasOne<Study>().WithMany().HasForeignKey(n => n.StudyId).OnDelete(DeleteBehavior.Cascade);
        nomination.HasOne<Participant>().WithMany().HasForeignKey(n => n.NominatorId).OnDelete(DeleteBehavior.Cascade);
        nomination.HasOne<Participant>().WithMany().HasForeignKey(n => n.NomineeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TranscriptConfiguration : IEntityTypeConfiguration<Transcript>
{
    public void Configure(EntityTypeBuilder<Transcript> transcript)
    {
        transcript.ToTable("research_transcripts");
        transcript.Property(t => t.Title).HasMaxLength(512);
        transcript.Property(t => t.SourceFileName).HasMaxLength(512);
        transcript.Property(t => t.ImportedByUserId).HasMaxLength(450);
        transcript.Property(t => t.ApprovedByUserId).HasMaxLength(450);
        transcript.HasIndex(t => t.StudyId);
        transcript.HasIndex(t => t.ParticipantId);
        transcript.HasOne<Study>().WithMany().HasForeignKey(t => t.StudyId).OnDelete(DeleteBehavior.Cascade);
        transcript.HasOne<Participant>().WithMany().HasForeignKey(t => t.ParticipantId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DeidReplacementConfiguration : IEntityTypeConfiguration<DeidReplacement>
{
    public void Configure(EntityTypeBuilder<DeidReplacement> replacement)
    {
        replacement.ToTable("research_deid_replacements");
        replacement.Ignore(r => r.Replacement);
        replacement.Property(r => r.Category).HasMaxLength(64);
        replacement.Property(r => r.Tag).HasMaxLength(64);
        replacement.Property(r => r.Reason).HasMaxLength(1024);
        replacement.Property(r => r.EditedText).HasMaxLength(512);
        replacement.Property(r => r.DecidedByUserId).HasMaxLength(450);
        replacement.HasIndex(r => r.TranscriptId);
        replacement.HasOne<Transcript>().WithMany().HasForeignKey(r => r.TranscriptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CodeConfiguration : IEntityTypeConfiguration<Code>
{
    public void Configure(EntityTypeBuilder<Code> code)
    {
        code.ToTable("research_codes");
        code.Property(c => c.Name).HasMaxLength(256);
        code.Property(c => c.Color).HasMaxLength(7);
        code.HasIndex(c => c.StudyId);
        code.HasIndex(c => c.ParentId);
        code.HasOne<Study>().WithMany().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Cascade);
        code.HasOne<Code>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> theme)
    {
        theme.ToTable("research_themes");
        theme.Property(t => t.Name).HasMaxLength(256);
        theme.HasIndex(t => t.StudyId);
        theme.HasIndex(t => t.ParentId);
        theme.HasOne<Study>().WithMany().HasForeignKey(t => t.StudyId).OnDelete(DeleteBehavior.Cascade);
        theme.HasOne<Theme>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ThemeCodeConfiguration : IEntityTypeConfiguration<ThemeCode>
{
    public void Configure(EntityTypeBuilder<ThemeCode> link)
    {
        link.ToTable("research_theme_codes");
        link.HasKey(l => new { l.ThemeId, l.CodeId });
        link.HasIndex(l => l.CodeId);
        link.HasOne<Theme>().WithMany().HasForeignKey(l => l.ThemeId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Code>().WithMany().HasForeignKey(l => l.CodeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CodingConfiguration : IEntityTypeConfiguration<Coding>
{
    public void Configure(EntityTypeBuilder<Coding> coding)
    {
        coding.ToTable("research_codings");
        coding.HasIndex(c => new { c.TranscriptId, c.CodeId, c.CoderId, c.Start, c.End }).IsUnique();
        coding.HasIndex(c => c.StudyId);
        coding.HasIndex(c => c.CodeId);
        coding.HasIndex(c => c.CoderId);
        coding.HasOne<Study>().WithMany().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Cascade);
        coding.HasOne<Transcript>().WithMany().HasForeignKey(c => c.TranscriptId).OnDelete(DeleteBehavior.Cascade);
        coding.HasOne<Code>().WithMany().HasForeignKey(c => c.CodeId).OnDelete(DeleteBehavior.Cascade);
        coding.HasOne<StudyCoder>().WithMany().HasForeignKey(c => c.CoderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemoConfiguration : IEntityTypeConfiguration<Memo>
{
    public void Configure(EntityTypeBuilder<Memo> memo)
    {
        memo.ToTable("research_memos");
        memo.Property(m => m.AuthorUserId).HasMaxLength(450);
        memo.Property(m => m.AuthorLabel).HasMaxLength(256);
        memo.HasIndex(m => m.StudyId);
        memo.HasIndex(m => m.CodeId);
        memo.HasIndex(m => m.TranscriptId);
        memo.HasIndex(m => m.ThemeId);
        memo.HasIndex(m => m.MemberCheckCommentId);
        memo.HasOne<Study>().WithMany().HasForeignKey(m => m.StudyId).OnDelete(DeleteBehavior.Cascade);
        memo.HasOne<Code>().WithMany().HasForeignKey(m => m.CodeId).OnDelete(DeleteBehavior.Cascade);
        memo.HasOne<Transcript>().WithMany().HasForeignKey(m => m.TranscriptId).OnDelete(DeleteBehavior.Cascade);
        memo.HasOne<Theme>().WithMany().HasForeignKey(m => m.ThemeId).OnDelete(DeleteBehavior.Cascade);
        memo.HasOne<MemberCheckComment>().WithMany().HasForeignKey(m => m.MemberCheckCommentId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CodebookChangeConfiguration : IEntityTypeConfiguration<CodebookChange>
{
    public void Configure(EntityTypeBuilder<CodebookChange> change)
    {
        change.ToTable("research_codebook_changes");
        change.Property(c => c.UserId).HasMaxLength(450);
        change.Property(c => c.UserName).HasMaxLength(256);
        change.Property(c => c.Subject).HasMaxLength(512);
        change.Property(c => c.Reason).HasMaxLength(4000);
        change.Property(c => c.PreviousHash).HasMaxLength(64);
        change.Property(c => c.Hash).HasMaxLength(64);
        change.HasIndex(c => new { c.StudyId, c.Sequence }).IsUnique();
        change.HasOne<Study>().WithMany().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberCheckConfiguration : IEntityTypeConfiguration<MemberCheck>
{
    public void Configure(EntityTypeBuilder<MemberCheck> check)
    {
        check.ToTable("research_member_checks");
        check.Property(c => c.Title).HasMaxLength(512);
        check.Property(c => c.TokenHash).HasMaxLength(64);
        check.Property(c => c.ProtectedToken).HasMaxLength(1024);
        check.Property(c => c.PublishedByUserId).HasMaxLength(450);
        check.HasIndex(c => c.TokenHash).IsUnique();
        check.HasIndex(c => c.StudyId);
        check.HasOne<Study>().WithMany().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberCheckFindingConfiguration : IEntityTypeConfiguration<MemberCheckFinding>
{
    public void Configure(EntityTypeBuilder<MemberCheckFinding> finding)
    {
        finding.ToTable("research_member_check_findings");
        finding.Property(f => f.Title).HasMaxLength(512);
        finding.HasIndex(f => f.MemberCheckId);
        finding.HasIndex(f => f.ThemeId);
        finding.HasOne<MemberCheck>().WithMany().HasForeignKey(f => f.MemberCheckId).OnDelete(DeleteBehavior.Cascade);
        finding.HasOne<Theme>().WithMany().HasForeignKey(f => f.ThemeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MemberCheckQuoteConfiguration : IEntityTypeConfiguration<MemberCheckQuote>
{
    public void Configure(EntityTypeBuilder<MemberCheckQuote> quote)
    {
        quote.ToTable("research_member_check_quotes");
        quote.Property(q => q.ParticipantCode).HasMaxLength(16);
        quote.HasIndex(q => q.FindingId);
        quote.HasOne<MemberCheckFinding>().WithMany().HasForeignKey(q => q.FindingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberCheckCommentConfiguration : IEntityTypeConfiguration<MemberCheckComment>
{
    public void Configure(EntityTypeBuilder<MemberCheckComment> comment)
    {
        comment.ToTable("research_member_check_comments");
        comment.Property(c => c.Text).HasMaxLength(4000);
        comment.Property(c => c.ParticipantCode).HasMaxLength(16);
        comment.HasIndex(c => c.MemberCheckId);
        comment.HasIndex(c => c.FindingId);
        comment.HasOne<MemberCheck>().WithMany().HasForeignKey(c => c.MemberCheckId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<MemberCheckFinding>().WithMany().HasForeignKey(c => c.FindingId).OnDelete(DeleteBehavior.SetNull);
    }
}
