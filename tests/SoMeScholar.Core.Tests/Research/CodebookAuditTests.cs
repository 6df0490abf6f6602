using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Research;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

public class CodebookAuditTests
{
    private const string Interview = "Interviewer: What got in the way?\nParticipant: Time, mostly. My teaching load leaves no room. There is no protected time for it.\n";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Merging_codes_moves_their_codings_and_memos_and_records_who_when_what_and_why(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        var codebook = team.Get<Codebook>();
        var workbench = team.Get<CodingWorkbench>();
        var time = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Time constraints", Definition: "Not enough time."), "Initial codebook.");
        var workload = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Workload"), "Open coding of interview 1.");
        var transcript = await team.ReadyTranscriptAsync("Interview 1", Interview);
        var text = (await team.Get<Transcripts>().GetAsync(team.Lead, transcript)).Text;
        var load = text.IndexOf("My teaching load leaves no room.", StringComparison.Ordinal);
        var noTime = text.IndexOf("There is no protected time for it.", StringComparison.Ordinal);
        await workbench.ApplyAsync(team.Coder, transcript, load, load + 32, [workload.Id]);
        await workbench.ApplyAsync(team.Coder, transcript, noTime, noTime + 34, [workload.Id, time.Id]);
        await workbench.ApplyAsync(team.Lead, transcript, noTime, noTime + 34, [time.Id]);
        await workbench.AddMemoAsync(team.Coder, team.StudyId, new MemoInput(MemoTarget.Code, "Workload shows up as evenings.", CodeId: workload.Id));

        var result = await codebook.MergeAsync(team.Coder, time.Id, [workload.Id], "Same barrier in every transcript (constant comparison).");

        Assert.Equal(1, result.CodingsMoved);
        Assert.Equal(1, result.DuplicatesDropped);
        Assert.Equal(1, result.MemosMoved);
        await using var db = team.Store.NewDb();
        Assert.False(await db.Codes.AnyAsync(c => c.Id == workload.Id));
        Assert.Equal(3, await db.Codings.CountAsync(c => c.CodeId == time.Id));
        Assert.Equal(1, await db.Memos.CountAsync(m => m.CodeId == time.Id));

        var trail = await team.Get<AuditTrail>().ListAsync(team.Auditor, team.StudyId);
        var merge = Assert.Single(trail, e => e.Action == CodebookAction.CodesMerged);
        Assert.Equal("coder", merge.UserName);
        Assert.Equal("Time constraints", merge.Subject);
        Assert.Equal("Same barrier in every transcript (constant comparison).", merge.Reason);
        Assert.Contains("\u201cWorkload\u201d", merge.Summary, StringComparison.Ordinal);
        Assert.Contains("1 coding(s) moved, 1 duplicate(s) dropped, 1 memo(s) moved", merge.Summary, StringComparison.Ordinal);
        Assert.True(merge.At > DateTime.UtcNow.AddMinutes(-5) && merge.At.Kind == DateTimeKind.Utc);
        using var details = JsonDocument.Parse(merge.DetailsJson);
        Assert.Equal("Workload", details.RootElement.GetProperty("sources")[0].GetProperty("name").GetString());
        Assert.Equal(time.Id, details.RootElement.GetProperty("target").GetProperty("id").GetInt64());
        Assert.Equal([CodebookAction.CodeCreated, CodebookAction.CodeCreated, CodebookAction.CodesMerged], trail.Select(e => e.Action));
        Assert.Equal([1, 2, 3], trail.Select(e => e.Sequence));
        Assert.True((await team.Get<AuditTrail>().VerifyAsync(team.Auditor, team.StudyId)).Intact);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_store_refuses_to_change_or_delete_an_audit_entry(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        await team.Get<Codebook>().CreateAsync(team.Lead, team.StudyId, new CodeInput("Mentorship"), "Initial codebook.");
        await using var db = team.Store.NewDb();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE research_codebook_changes SET reason = 'rewritten'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM research_codebook_changes"));

        Assert.Equal("Initial codebook.", (await db.CodebookChanges.SingleAsync()).Reason);
    }

    [Fact]
    public async Task Verifying_the_hash_chain_finds_an_entry_edited_behind_the_applications_back()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var codebook = team.Get<Codebook>();
        var code = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Mentorship"), "Initial codebook.");
        await codebook.RenameAsync(team.Lead, code.Id, "Peer mentorship", "Participants speak of peers.");
        await using var db = team.Store.NewDb();
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER research_codebook_changes_no_update");
        await db.Database.ExecuteSqlRawAsync("UPDATE research_codebook_changes SET reason = 'no reason' WHERE sequence = 1");

        var verification = await team.Get<AuditTrail>().VerifyAsync(team.Auditor, team.StudyId);

        Assert.False(verification.Intact);
        Assert.Equal(1, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task Every_codebook_change_needs_a_reason()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var codebook = team.Get<Codebook>();

        var error = await Assert.ThrowsAsync<ResearchException>(() => codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Mentorship"), "  "));

        Assert.Equal(ResearchErrorKind.Invalid, error.Kind);
        Assert.Empty((await codebook.GetAsync(team.Lead, team.StudyId)).Codes);
    }

    [Fact]
    public async Task Rename_move_split_edit_delete_and_theme_changes_each_leave_an_entry_the_auditor_can_export()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var codebook = team.Get<Codebook>();
        var workbench = team.Get<CodingWorkbench>();
        var institutional = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Institutional sphere"), "Framework.");
        var recognition = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Recognition", Color: "#c49a1a"), "Open coding.");
        var transcript = await team.ReadyTranscriptAsync("Interview", "Participant: The dean changed the promotion criteria. Colleagues thanked me at conferences.\n");
        var text = (await team.Get<Transcripts>().GetAsync(team.Lead, transcript)).Text;
        var formal = (await workbench.ApplyAsync(team.Lead, transcript, text.IndexOf("The dean", StringComparison.Ordinal), text.IndexOf(" Colleagues", StringComparison.Ordinal), [recognition.Id])).Single();
        var informal = (await workbench.ApplyAsync(team.Lead, transcript, text.IndexOf("Colleagues", StringComparison.Ordinal), text.IndexOf("conferences.", StringComparison.Ordinal) + 12, [recognition.Id])).Single();

        await codebook.MoveAsync(team.Lead, recognition.Id, institutional.Id, "Recognition is institutional.");
        var parts = await codebook.SplitAsync(team.Coder, recognition.Id, [new SplitPart("Recognition in promotion", null, [formal.Id]), new SplitPart("Informal recognition", null, [informal.Id])], "Formal and informal recognition differ.");
        await codebook.DeleteAsync(team.Lead, recognition.Id, "All codings moved to the split codes.");
        await codebook.EditAsync(team.Lead, parts[0].Id, new CodeInput("Recognition in promotion", Definition: "Counts formally.", Inclusion: "Promotion criteria."), "Sharper definition.");
        var theme = await codebook.CreateThemeAsync(team.Lead, team.StudyId, "Enablers", null, null, "Axial coding.");
        await codebook.SetThemeCodesAsync(team.Lead, theme.Id, [parts[0].Id, parts[1].Id], "Axial coding.");

        var view = await codebook.GetAsync(team.Auditor, team.StudyId);
        Assert.Equal(["Institutional sphere", "Institutional sphere › Informal recognition", "Institutional sphere › Recognition in promotion"], view.Codes.Select(c => c.Path));
        Assert.All(view.Codes.Skip(1), c => Assert.Equal("#c49a1a", c.Color));
        Assert.Equal(1, view.Codes.Single(c => c.Name == "Informal recognition").Codings);
        Assert.Equal(new[] { parts[0].Id, parts[1].Id }.Order(), view.Themes.Single().CodeIds);

        var trail = await team.Get<AuditTrail>().ListAsync(team.Auditor, team.StudyId);
        Assert.Equal(
            [CodebookAction.CodeCreated, CodebookAction.CodeCreated, CodebookAction.CodeMoved, CodebookAction.CodeSplit, CodebookAction.CodeDeleted, CodebookAction.CodeEdited, CodebookAction.ThemeCreated, CodebookAction.ThemeCodesChanged],
            trail.Select(e => e.Action));
        Assert.Contains("2 of 2 coding(s) moved, 0 stay with", trail.Single(e => e.Action == CodebookAction.CodeSplit).Summary, StringComparison.Ordinal);
        var csv = await team.Get<AuditTrail>().CsvAsync(team.Auditor, team.StudyId);
        Assert.StartsWith("sequence,at,user,action,codeId,subject,summary,reason,details,previousHash,hash\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(9, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Formal and informal recognition differ.", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auditors_read_the_codebook_but_cannot_change_it()
    {
        await using var team = await ResearchTestTeam.CreateAsync();

        var error = await Assert.ThrowsAsync<ResearchException>(() => team.Get<Codebook>().CreateAsync(team.Auditor, team.StudyId, new CodeInput("Mentorship"), "Because."));

        Assert.Equal(ResearchErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task A_code_cannot_move_under_its_own_sub_code_and_sibling_names_are_unique()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var codebook = team.Get<Codebook>();
        var parent = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Personal"), "Framework.");
        var child = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Motivation", parent.Id), "Framework.");

        await Assert.ThrowsAsync<ResearchException>(() => codebook.MoveAsync(team.Lead, parent.Id, child.Id, "Reorganise."));
        await Assert.ThrowsAsync<ResearchException>(() => codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("motivation", parent.Id), "Duplicate."));
    }
}
