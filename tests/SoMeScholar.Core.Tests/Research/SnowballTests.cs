using System.Xml.Linq;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Research;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

public class SnowballTests
{
    private static readonly DateTime Day = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Nominations_grow_waves_from_seeds_and_the_tree_keeps_who_named_whom(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        var snowball = team.Get<Snowball>();
        var p1 = await snowball.AddSeedAsync(team.Lead, team.StudyId, "Dr Seed One", "seed1@example.org");
        var p2 = await snowball.AddSeedAsync(team.Lead, team.StudyId, "Dr Seed Two", null);

        var p3 = await snowball.NominateAsync(team.Lead, team.StudyId, "P1", new Nominee(Name: "Nominee Three", Contact: "@three"), Day);
        var p4 = await snowball.NominateAsync(team.Lead, team.StudyId, "P1", new Nominee(Name: "Nominee Four"), Day.AddDays(1));
        var p5 = await snowball.NominateAsync(team.Lead, team.StudyId, "P3", new Nominee(Name: "Nominee Five"), Day.AddDays(2));
        var again = await snowball.NominateAsync(team.Lead, team.StudyId, "P2", new Nominee(Name: "nominee three"), Day.AddDays(3));
        await snowball.NominateAsync(team.Lead, team.StudyId, "P5", new Nominee(ExistingCode: "p2"), Day.AddDays(4));

        Assert.Equal(("P1", "P2", "P3", "P4", "P5"), (p1.Code, p2.Code, p3.Code, p4.Code, p5.Code));
        Assert.Equal(p3.Id, again.Id);
        var view = await snowball.GetAsync(team.Coder, team.StudyId);
        Assert.Equal([0, 0, 1, 1, 2], view.Participants.Select(p => p.Wave));
        Assert.Equal([null, null, "P1", "P1", "P3"], view.Participants.Select(p => p.ReferredByCode));
        Assert.Equal(5, view.Nominations.Count);
        Assert.Equal(3, view.Nominations.Count(n => n.IsReferral));
        Assert.Equal(Day.AddDays(3), view.Nominations.Single(n => n.NominatorCode == "P2").NominatedAt);
        Assert.Equal([(0, 2, 3), (1, 2, 1), (2, 1, 1)], view.Waves.Select(w => (w.Wave, w.Participants, w.Nominations)));
        Assert.Equal(2, view.Participants.Single(p => p.Code == "P3").TimesNominated);
    }

    [Fact]
    public async Task Invitation_consent_and_interview_are_tracked_and_an_interview_needs_consent()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var snowball = team.Get<Snowball>();
        await snowball.AddSeedAsync(team.Lead, team.StudyId, "Seed", null);

        await Assert.ThrowsAsync<ResearchException>(() => snowball.SetStatusAsync(team.Lead, team.StudyId, "P1", new StatusChange(Interview: InterviewStatus.Scheduled)));
        await snowball.SetStatusAsync(team.Lead, team.StudyId, "P1", new StatusChange(Invitation: InvitationStatus.Invited, At: Day));
        await snowball.SetStatusAsync(team.Lead, team.StudyId, "P1", new StatusChange(Consent: ConsentStatus.Consented, At: Day.AddDays(2)));
        await snowball.SetStatusAsync(team.Lead, team.StudyId, "P1", new StatusChange(Interview: InterviewStatus.Completed, At: Day.AddDays(9)));
        var coderError = await Assert.ThrowsAsync<ResearchException>(() => snowball.SetStatusAsync(team.Coder, team.StudyId, "P1", new StatusChange(Consent: ConsentStatus.Withdrawn)));

        var p1 = (await snowball.GetAsync(team.Auditor, team.StudyId)).Participants.Single();
        Assert.Equal((InvitationStatus.Invited, Day, ConsentStatus.Consented, Day.AddDays(2), InterviewStatus.Completed, Day.AddDays(9)),
            (p1.Invitation, p1.InvitedAt, p1.Consent, p1.ConsentAt, p1.Interview, p1.InterviewAt));
        Assert.Equal(ResearchErrorKind.Forbidden, coderError.Kind);
        var waves = (await snowball.GetAsync(team.Auditor, team.StudyId)).Waves.Single();
        Assert.Equal((1, 1, 1), (waves.Invited, waves.Consented, waves.Interviewed));
    }

    [Fact]
    public async Task The_referral_tree_diagram_shows_study_codes_and_never_names()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var snowball = team.Get<Snowball>();
        await snowball.AddSeedAsync(team.Lead, team.StudyId, "Dr Secret Seed", "secret@example.org");
        await snowball.NominateAsync(team.Lead, team.StudyId, "P1", new Nominee(Name: "Secret Nominee"), Day);
        await snowball.NominateAsync(team.Lead, team.StudyId, "P1", new Nominee(Name: "Other <b>Nominee</b>"), Day);

        var svg = ReferralTree.Svg(await snowball.GetAsync(team.Lead, team.StudyId));

        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(["P1", "P2", "P3"], document.Descendants(ns + "g").Select(g => (string)g.Attribute("data-code")!));
        Assert.Equal(2, document.Descendants(ns + "line").Count());
        Assert.DoesNotContain("Secret", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Nominee", svg, StringComparison.Ordinal);
        var positions = ReferralTree.Layout(await snowball.GetAsync(team.Lead, team.StudyId));
        Assert.Equal((positions["P2"].X + positions["P3"].X) / 2, positions["P1"].X);
        Assert.True(positions["P2"].Y > positions["P1"].Y);
    }

    [Fact]
    public async Task Seeds_come_from_a_sample_in_draw_order()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var frames = team.Get<SamplingFrames>();
        var frame = await frames.BuildListFrameAsync(team.Lead, team.StudyId, "List", "list.txt", "a.test\nb.test\nc.test\nd.test\n");
        var sample = await frames.SampleAsync(team.Lead, frame.Id, SampleMethod.Random, 3, 5, null);
        var drawn = (await frames.GetSampleAsync(team.Lead, sample.Id)).Members.Select(m => m.Member.Label).ToList();

        var seeds = await team.Get<Snowball>().AddSeedsFromSampleAsync(team.Lead, team.StudyId, sample.Id, 2);

        var view = await team.Get<Snowball>().GetAsync(team.Lead, team.StudyId);
        Assert.Equal(2, seeds.Count);
        Assert.Equal(drawn.Take(2), view.Participants.Select(p => p.Name));
        Assert.All(view.Participants, p => Assert.True(p.IsSeed));
    }
}
