using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Research;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

public class MemberCheckTests
{
    private const string Interview = "Interviewer: What helped?\nParticipant: A mentor showed me how to plan episodes. Our chair protected two hours a week.\n";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Participants_read_findings_through_the_private_link_and_their_comments_return_as_memos(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        var (checks, token, transcriptText) = await PublishAsync(team, new ManualClock(DateTime.UtcNow));

        var page = await checks.OpenAsync(token);

        Assert.NotNull(page);
        var finding = Assert.Single(page.Findings);
        Assert.Equal("Mentors help", finding.Title);
        Assert.Equal(new PublicQuote("A mentor showed me how to plan episodes.", "P1"), Assert.Single(finding.Quotes));
        Assert.True(await checks.CommentAsync(token, finding.Id, "Yes, and peers online too.", "p1"));
        Assert.True(await checks.CommentAsync(token, null, "The page is clear.", null));
        var memos = await team.Get<CodingWorkbench>().MemosAsync(team.Coder, team.StudyId);
        var onTheme = memos.Single(m => m.Target == MemoTarget.Theme);
        Assert.Equal("Enablers", onTheme.ThemeName);
        Assert.Equal("Participant P1 (member check)", onTheme.AuthorLabel);
        Assert.Contains("Yes, and peers online too.", onTheme.Text, StringComparison.Ordinal);
        Assert.True(onTheme.FromMemberCheck);
        Assert.Equal("Participant (member check, anonymous)", memos.Single(m => m.Target == MemoTarget.Study).AuthorLabel);
        var summary = Assert.Single(await checks.ListAsync(team.Lead, team.StudyId));
        Assert.Equal(token, summary.Token);
        Assert.Equal(2, summary.Comments);
        Assert.Null((await checks.ListAsync(team.Coder, team.StudyId)).Single().Token);
        Assert.Contains("plan episodes", transcriptText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_closing_date_or_once_withdrawn_the_link_shows_nothing_and_takes_no_comments()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var clock = new ManualClock(DateTime.UtcNow);
        var (checks, token, _) = await PublishAsync(team, clock);
        Assert.NotNull(await checks.OpenAsync(token));

        clock.Now = clock.Now.AddDays(15);

        Assert.Null(await checks.OpenAsync(token));
        Assert.False(await checks.CommentAsync(token, null, "Too late.", null));
        clock.Now = clock.Now.AddDays(-14);
        var id = (await checks.ListAsync(team.Lead, team.StudyId)).Single().Id;
        await checks.WithdrawAsync(team.Lead, id);
        Assert.Null(await checks.OpenAsync(token));
        await using var db = team.Store.NewDb();
        Assert.Equal(0, await db.MemberCheckComments.CountAsync());
    }

    [Fact]
    public async Task Unknown_links_are_indistinguishable_from_closed_ones_and_the_store_keeps_only_a_hash()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var (checks, token, _) = await PublishAsync(team, new ManualClock(DateTime.UtcNow));

        Assert.Null(await checks.OpenAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await checks.OpenAsync(""));
        Assert.Null(await checks.OpenAsync(new string('x', 500)));
        Assert.True(token.Length >= 43);
        await using var db = team.Store.NewDb();
        var stored = await db.MemberChecks.SingleAsync();
        Assert.Equal(MemberChecks.HashOf(token), stored.TokenHash);
        Assert.DoesNotContain(token, stored.ProtectedToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_lead_publishes_and_quotes_come_from_approved_transcripts()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var checks = team.Get<MemberChecks>();
        var inReview = await team.Get<Transcripts>().ImportTextAsync(team.Lead, team.StudyId, "Raw", Interview, null);
        var closes = DateTime.UtcNow.AddDays(10);

        var coder = await Assert.ThrowsAsync<ResearchException>(() => checks.PublishAsync(team.Coder, team.StudyId, "t", null, closes, [new FindingInput("f", null, null, [])]));
        var raw = await Assert.ThrowsAsync<ResearchException>(() => checks.PublishAsync(team.Lead, team.StudyId, "t", null, closes, [new FindingInput("f", null, null, [new QuoteInput(inReview.Id, 0, 10)])]));
        var past = await Assert.ThrowsAsync<ResearchException>(() => checks.PublishAsync(team.Lead, team.StudyId, "t", null, DateTime.UtcNow.AddDays(-1), [new FindingInput("f", null, null, [])]));

        Assert.Equal(ResearchErrorKind.Forbidden, coder.Kind);
        Assert.Contains("approved", raw.Message, StringComparison.Ordinal);
        Assert.Contains("future", past.Message, StringComparison.Ordinal);
        Assert.Empty(await checks.ListAsync(team.Lead, team.StudyId));
    }

    private static async Task<(MemberChecks Checks, string Token, string Text)> PublishAsync(ResearchTestTeam team, ManualClock clock)
    {
        await team.Get<Snowball>().AddSeedAsync(team.Lead, team.StudyId, "Seed", null);
        var transcript = await team.ReadyTranscriptAsync("Interview 1", Interview, "P1");
        var text = (await team.Get<Transcripts>().GetAsync(team.Lead, transcript)).Text;
        var theme = await team.Get<Codebook>().CreateThemeAsync(team.Lead, team.StudyId, "Enablers", null, null, "Axial coding.");
        var checks = new MemberChecks(team.Get<ScholarDb>(), team.Get<StudyAccess>(), clock, team.Get<IDataProtectionProvider>());
        var start = text.IndexOf("A mentor", StringComparison.Ordinal);
        var (_, token) = await checks.PublishAsync(team.Lead, team.StudyId, "What we heard", "Comment until the closing date.", clock.Now.AddDays(14),
            [new FindingInput("Mentors help", "Mentors matter.", theme.Id, [new QuoteInput(transcript, start, start + 40)])]);
        return (checks, token, text);
    }
}

/// <summary>A clock a test moves by hand.</summary>
public sealed class ManualClock(DateTime now) : TimeProvider
{
    public DateTime Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
}
