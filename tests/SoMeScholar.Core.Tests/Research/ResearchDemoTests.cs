using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

public class ResearchDemoTests
{
    [Fact]
    public async Task The_demo_community_holds_a_study_with_frames_a_snowball_three_transcripts_coded_by_two_coders_a_member_check_and_a_team_that_can_sign_in()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = store.Scope();
        await scope.ServiceProvider.GetRequiredService<DemoCommunity>().BuildAsync(DemoCommunity.DefaultSeed, progress: null);
        var services = scope.ServiceProvider;
        var lead = await services.GetRequiredService<Studies>().ActorAsync(ResearchDemo.LeadUserName);
        var auditor = await services.GetRequiredService<Studies>().ActorAsync(ResearchDemo.AuditorUserName);

        var study = Assert.Single(await services.GetRequiredService<Studies>().ListAsync(lead));
        Assert.True(study.IsSynthetic);
        Assert.Contains("synthetic", study.Title, StringComparison.Ordinal);
        var detail = await services.GetRequiredService<Studies>().GetAsync(lead, study.Id);
        Assert.Equal([StudyRole.Lead, StudyRole.Coder, StudyRole.Auditor], detail.Team.Select(m => m.Role));

        var frames = await services.GetRequiredService<SamplingFrames>().ListAsync(lead, study.Id);
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.True(f.Members > 0, f.Name));
        var hashtag = frames.Single(f => f.Kind == FrameKind.HashtagParticipants);
        Assert.Contains("\"minPosts\":5", hashtag.ParametersJson, StringComparison.Ordinal);
        var sample = Assert.Single((await services.GetRequiredService<SamplingFrames>().GetAsync(lead, hashtag.Id)).Samples);
        Assert.Equal((SampleMethod.Stratified, 2026, 12, "platform"), (sample.Method, sample.Seed, sample.Size, sample.StratifyBy));
        var influencers = frames.Single(f => f.Kind == FrameKind.Influencers);
        Assert.Contains("\"k\":25", influencers.ParametersJson, StringComparison.Ordinal);
        Assert.Contains("\"intersectionSize\"", influencers.SummaryJson, StringComparison.Ordinal);

        var snowball = await services.GetRequiredService<Snowball>().GetAsync(lead, study.Id);
        Assert.Equal([0, 1, 2], snowball.Waves.Select(w => w.Wave));
        Assert.Equal(3, snowball.Waves[0].Participants);
        Assert.Contains(snowball.Nominations, n => !n.IsReferral);
        Assert.Equal(3, snowball.Participants.Count(p => p.Interview == InterviewStatus.Completed));
        Assert.All(snowball.Participants, p => Assert.NotNull(p.Name));
        Assert.All((await services.GetRequiredService<Snowball>().GetAsync(auditor, study.Id)).Participants, p => Assert.Null(p.Name));

        var transcripts = await services.GetRequiredService<Transcripts>().ListAsync(lead, study.Id);
        Assert.Equal(3, transcripts.Count);
        Assert.All(transcripts, t => Assert.Equal(TranscriptStatus.Ready, t.Status));
        Assert.All(transcripts, t => Assert.NotNull(t.ParticipantCode));
        var coders = await services.GetRequiredService<CodingWorkbench>().CodersAsync(lead, study.Id);
        Assert.Equal(2, coders.Count);
        foreach (var transcript in transcripts)
        {
            var codings = await services.GetRequiredService<CodingWorkbench>().CodingsAsync(lead, transcript.Id, allCoders: true);
            Assert.Equal(2, codings.Select(c => c.CoderId).Distinct().Count());
        }

        var agreement = await services.GetRequiredService<Analysis>().AgreementAsync(auditor, study.Id, coders[0].Id, coders[1].Id);
        Assert.InRange(agreement.Overall.Kappa, 0.3, 0.99);

        var trail = await services.GetRequiredService<AuditTrail>().ListAsync(auditor, study.Id);
        Assert.Contains(trail, e => e.Action == CodebookAction.CodesMerged);
        Assert.Contains(trail, e => e.Action == CodebookAction.CodeSplit);
        Assert.True((await services.GetRequiredService<AuditTrail>().VerifyAsync(auditor, study.Id)).Intact);
        var themes = (await services.GetRequiredService<Codebook>().GetAsync(lead, study.Id)).Themes;
        Assert.Contains(themes, t => t.Path == "Barriers › Institutional" && t.CodeIds.Count > 0);

        var check = Assert.Single(await services.GetRequiredService<MemberChecks>().ListAsync(lead, study.Id));
        Assert.True(check.IsOpen);
        Assert.Equal(2, check.Comments);
        var page = await services.GetRequiredService<MemberChecks>().OpenAsync(check.Token);
        Assert.NotNull(page);
        Assert.Equal(3, page.Findings.Count);
        Assert.All(page.Findings.SelectMany(f => f.Quotes), q => Assert.StartsWith("P", q.ParticipantCode, StringComparison.Ordinal));
        var memos = await services.GetRequiredService<CodingWorkbench>().MemosAsync(lead, study.Id);
        Assert.Equal(2, memos.Count(m => m.FromMemberCheck));

        await using var db = store.NewDb();
        Assert.Equal(3, await db.Users.CountAsync(u => u.UserName!.StartsWith("research.")));
        Assert.True(await db.Users.Where(u => u.UserName!.StartsWith("research.")).AllAsync(u => u.PasswordHash == null));

        // The demo team signs in with one-time passwords from `somescholar research demo-logins`.
        var logins = await services.GetRequiredService<ResearchDemoLogins>().ResetAsync();
        Assert.Equal([ResearchDemo.LeadUserName, ResearchDemo.CoderUserName, ResearchDemo.AuditorUserName], logins.Select(l => l.UserName));
        Assert.Equal(["lead", "coder", "auditor"], logins.Select(l => l.Role));
        Assert.Equal(3, logins.Select(l => l.Password).Distinct().Count());
        var users = services.GetRequiredService<UserManager<ScholarUser>>();
        var leadUser = await users.FindByNameAsync(ResearchDemo.LeadUserName);
        Assert.True(await users.CheckPasswordAsync(leadUser!, logins[0].Password));
        Assert.True(leadUser!.MustChangePassword);
    }

    [Fact]
    public async Task Demo_logins_are_refused_on_a_store_without_the_demo_study()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = store.Scope();

        var error = await Assert.ThrowsAsync<ResearchException>(() => scope.ServiceProvider.GetRequiredService<ResearchDemoLogins>().ResetAsync());

        Assert.Contains("no research demo team", error.Message, StringComparison.Ordinal);
    }
}
