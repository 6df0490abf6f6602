using SoMeScholar.Core.Data;
using SoMeScholar.Core.Research;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

public class AnalysisTests
{
    [Fact]
    public void Codes_co_occur_when_their_segments_share_a_character_and_the_diagonal_counts_segments()
    {
        var codes = new[] { Header(1, "A"), Header(2, "B"), Header(3, "C") };
        var spans = new (long, long, TextSpan)[]
        {
            (10, 1, new TextSpan(0, 10)), (10, 1, new TextSpan(5, 15)),   // one segment of A: [0,15)
            (10, 1, new TextSpan(40, 50)),                                 // a second segment of A
            (10, 2, new TextSpan(14, 20)), (10, 2, new TextSpan(45, 46)),  // B overlaps both A segments
            (10, 3, new TextSpan(15, 40)),                                 // C touches A and B but shares no character with A
            (11, 1, new TextSpan(0, 5)), (11, 3, new TextSpan(2, 3)),      // another transcript: A and C overlap there
        };

        var matrix = Analysis.Cooccurrence(codes, spans, new Dictionary<long, int> { [10] = 100, [11] = 100 }, coderId: null);

        Assert.Equal([3, 2, 2], Enumerable.Range(0, 3).Select(i => matrix.Counts[i][i]));
        Assert.Equal(2, matrix.Counts[0][1]);
        Assert.Equal(matrix.Counts[0][1], matrix.Counts[1][0]);
        Assert.Equal(1, matrix.Counts[0][2]);
        Assert.Equal(1, matrix.Counts[1][2]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Frequencies_agreement_and_disagreements_come_from_the_stored_codings(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        var codebook = team.Get<Codebook>();
        var workbench = team.Get<CodingWorkbench>();
        await team.Get<Snowball>().AddSeedAsync(team.Lead, team.StudyId, "Seed", null);
        var mentor = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Mentorship"), "Initial.");
        var time = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Time"), "Initial.");
        var text = "Participant: " + new string('a', 87) + "\n"; // 101 characters once normalised
        var transcript = await team.ReadyTranscriptAsync("Interview 1", text, "P1");
        var length = (await team.Get<Transcripts>().GetAsync(team.Lead, transcript)).Text.Length;
        Assert.Equal(101, length);

        await workbench.ApplyAsync(team.Lead, transcript, 0, 30, [mentor.Id]);
        await workbench.ApplyAsync(team.Coder, transcript, 20, 40, [mentor.Id, time.Id]);
        await workbench.ApplyAsync(team.Lead, transcript, 60, 70, [time.Id]);
        var coders = await workbench.CodersAsync(team.Auditor, team.StudyId);
        var lead = coders.Single(c => c.Name == "LEAD");
        var coder = coders.Single(c => c.Name == "CODER");

        var frequencies = await team.Get<Analysis>().FrequenciesAsync(team.Auditor, team.StudyId);
        Assert.Equal(["Mentorship", "Time"], frequencies.ByTranscript.Codes.Select(c => c.Name));
        Assert.Equal(new FrequencyCell(2, 40), frequencies.ByTranscript.Cells[0][0]);
        Assert.Equal(new FrequencyCell(2, 30), frequencies.ByTranscript.Cells[1][0]);
        Assert.Equal("P1", Assert.Single(frequencies.ByParticipant.Columns).Label);
        Assert.Equal(new FrequencyCell(2, 40), frequencies.ByParticipant.Cells[0][0]);
        var onlyLead = await team.Get<Analysis>().FrequenciesAsync(team.Auditor, team.StudyId, lead.Id);
        Assert.Equal(new FrequencyCell(1, 30), onlyLead.ByTranscript.Cells[0][0]);

        var agreement = await team.Get<Analysis>().AgreementAsync(team.Auditor, team.StudyId, lead.Id, coder.Id);
        var mentorRow = agreement.Rows.Single(r => r.CodeId == mentor.Id);
        // Mentorship: A [0,30), B [20,40): both 10, A only 20, B only 10, neither 61 of 101; agreement 71.
        Assert.Equal(new AgreementCounts(101, 30, 20, 10), mentorRow.Counts);
        Assert.Equal(71.0 / 101 * 100, mentorRow.Counts.PercentAgreement, 10);
        var ef = (30.0 * 20 / 101) + (71.0 * 81 / 101);
        Assert.Equal((71 - ef) / (101 - ef), mentorRow.Counts.Kappa, 12);
        // Time: A [60,70), B [20,40): no overlap.
        Assert.Equal(new AgreementCounts(101, 10, 20, 0), agreement.Rows.Single(r => r.CodeId == time.Id).Counts);
        Assert.Equal(mentorRow.Counts + agreement.Rows.Single(r => r.CodeId == time.Id).Counts, agreement.Overall);
        Assert.Equal(agreement.Overall, Assert.Single(agreement.ByTranscript).Pooled);

        var disagreements = await team.Get<Analysis>().DisagreementsAsync(team.Auditor, team.StudyId, mentor.Id, transcript, lead.Id, coder.Id);
        Assert.Equal([(new TextSpan(0, 20), "LEAD"), (new TextSpan(30, 40), "CODER")], disagreements.Disagreements.Select(d => (d.Range.Span, d.CoderName)));

        var matrix = await team.Get<Analysis>().CooccurrenceAsync(team.Auditor, team.StudyId);
        Assert.Equal(1, matrix.Counts[0][1]);
        Assert.Equal(2, matrix.Counts[1][1]);
    }

    private static CodeHeader Header(long id, string name) => new(id, name, name, 0, "#000000");
}
