using SoMeScholar.Core.Data;
using SoMeScholar.Core.Research;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

public class StudyVisibilityTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_non_member_and_an_uninvited_administrator_see_none_of_the_study(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        var code = await team.Get<Codebook>().CreateAsync(team.Lead, team.StudyId, new CodeInput("Mentorship"), "Initial codebook.");
        var transcript = await team.ReadyTranscriptAsync("Interview 1", "Participant: A mentor showed me how to plan episodes.\n");
        var coding = (await team.Get<CodingWorkbench>().ApplyAsync(team.Lead, transcript, 13, 21, [code.Id])).Single();
        var frame = await team.Get<SamplingFrames>().BuildListFrameAsync(team.Lead, team.StudyId, "Uploaded", "list.txt", "@someone\n@other\n");
        var seed = await team.Get<Snowball>().AddSeedAsync(team.Lead, team.StudyId, "Dr Real Name", "real@example.org");
        var memo = await team.Get<CodingWorkbench>().AddMemoAsync(team.Lead, team.StudyId, new MemoInput(MemoTarget.Study, "A memo."));
        var leadCoder = (await team.Get<CodingWorkbench>().CodersAsync(team.Lead, team.StudyId)).Single();

        foreach (var outsider in new[] { team.Outsider, team.Administrator })
        {
            Assert.Empty(await team.Get<Studies>().ListAsync(outsider));
            var calls = new Func<Task>[]
            {
                () => team.Get<Studies>().GetAsync(outsider, team.StudyId),
                () => team.Get<Studies>().SetMemberAsync(outsider, team.StudyId, outsider.UserName, StudyRole.Lead),
                () => team.Get<SamplingFrames>().ListAsync(outsider, team.StudyId),
                () => team.Get<SamplingFrames>().GetAsync(outsider, frame.Id),
                () => team.Get<SamplingFrames>().CsvAsync(outsider, frame.Id, null),
                () => team.Get<Snowball>().GetAsync(outsider, team.StudyId),
                () => team.Get<Transcripts>().ListAsync(outsider, team.StudyId),
                () => team.Get<Transcripts>().GetAsync(outsider, transcript),
                () => team.Get<Codebook>().GetAsync(outsider, team.StudyId),
                () => team.Get<Codebook>().RenameAsync(outsider, code.Id, "Taken over", "No reason."),
                () => team.Get<CodingWorkbench>().CodingsAsync(outsider, transcript, allCoders: true),
                () => team.Get<CodingWorkbench>().RemoveAsync(outsider, coding.Id),
                () => team.Get<CodingWorkbench>().MemosAsync(outsider, team.StudyId),
                () => team.Get<CodingWorkbench>().DeleteMemoAsync(outsider, memo.Id),
                () => team.Get<Analysis>().FrequenciesAsync(outsider, team.StudyId),
                () => team.Get<Analysis>().CooccurrenceAsync(outsider, team.StudyId),
                () => team.Get<Analysis>().AgreementAsync(outsider, team.StudyId, leadCoder.Id, leadCoder.Id + 1),
                () => team.Get<AuditTrail>().ListAsync(outsider, team.StudyId),
                () => team.Get<MemberChecks>().ListAsync(outsider, team.StudyId),
                () => team.Get<RefiQda>().ExportCodebookAsync(outsider, team.StudyId),
                () => team.Get<RefiQda>().ExportProjectAsync(outsider, team.StudyId, new MemoryStream()),
                () => team.Get<RefiQda>().CodedSegmentsCsvAsync(outsider, team.StudyId),
            };
            foreach (var call in calls)
            {
                var error = await Assert.ThrowsAsync<ResearchException>(call);
                Assert.Equal(ResearchErrorKind.NotFound, error.Kind);
                Assert.DoesNotContain("Enablers", error.Message, StringComparison.Ordinal);
            }
        }

        Assert.True(seed.Id > 0);
    }

    [Fact]
    public async Task An_administrator_sees_the_study_once_the_lead_invites_them()
    {
        await using var team = await ResearchTestTeam.CreateAsync();

        await team.Get<Studies>().SetMemberAsync(team.Lead, team.StudyId, "admin", StudyRole.Auditor);

        var study = Assert.Single(await team.Get<Studies>().ListAsync(team.Administrator));
        Assert.Equal(StudyRole.Auditor, study.Role);
        Assert.Equal("Enablers and barriers", (await team.Get<Studies>().GetAsync(team.Administrator, team.StudyId)).Title);
    }

    [Fact]
    public async Task Only_the_lead_sees_who_the_participants_are()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        await team.Get<Snowball>().AddSeedAsync(team.Lead, team.StudyId, "Dr Real Name", "real@example.org");

        var forLead = await team.Get<Snowball>().GetAsync(team.Lead, team.StudyId);
        var forCoder = await team.Get<Snowball>().GetAsync(team.Coder, team.StudyId);
        var forAuditor = await team.Get<Snowball>().GetAsync(team.Auditor, team.StudyId);

        Assert.Equal("Dr Real Name", forLead.Participants.Single().Name);
        Assert.Equal("P1", forCoder.Participants.Single().Code);
        Assert.Null(forCoder.Participants.Single().Name);
        Assert.Null(forCoder.Participants.Single().Contact);
        Assert.Null(forAuditor.Participants.Single().Name);
        Assert.False(forCoder.ShowsIdentities);
        await Assert.ThrowsAsync<ResearchException>(() => team.Get<Snowball>().SetIdentityAsync(team.Coder, team.StudyId, "P1", "Someone", null, null));
    }

    [Fact]
    public async Task A_study_keeps_at_least_one_lead()
    {
        await using var team = await ResearchTestTeam.CreateAsync();

        await Assert.ThrowsAsync<ResearchException>(() => team.Get<Studies>().RemoveMemberAsync(team.Lead, team.StudyId, team.Lead.UserId));
        await Assert.ThrowsAsync<ResearchException>(() => team.Get<Studies>().SetMemberAsync(team.Lead, team.StudyId, "lead", StudyRole.Coder));
    }
}
