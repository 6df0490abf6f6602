using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Core.Research;
using SoMeScholar.Professionalism;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

public class TranscriptTests
{
    private const string WithIdentifiers =
        "Interviewer: Where do you work?\nParticipant: I'm Dr Amara Quist, an emergency physician in Halifax. We started the podcast on 3 March 2017. Write to amara.quist@hospital.example.\n";

    [Fact]
    public void A_Word_document_is_read_paragraph_by_paragraph_with_its_runs_tabs_and_breaks()
    {
        using var docx = Docx(
            "<w:p><w:r><w:t>Interviewer: </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Where do you </w:t></w:r><w:r><w:t>work?</w:t></w:r></w:p>" +
            "<w:p><w:r><w:t>Participant:</w:t><w:tab/><w:t>At a hospital.</w:t><w:br/><w:t>Second line.</w:t></w:r><w:del><w:r><w:delText>deleted words</w:delText></w:r></w:del></w:p>" +
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a table</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");

        var text = TranscriptText.Read(docx, TranscriptFormat.Docx, "interview.docx");

        Assert.Equal("Interviewer: Where do you work?\nParticipant:\tAt a hospital.\nSecond line.\nIn a table\n", text);
    }

    [Fact]
    public void Markdown_loses_its_markup_and_keeps_its_words()
    {
        var text = TranscriptText.MarkdownToText("# Interview 3\n\n*Synthetic.*\n\n**Interviewer:** Tell me about [the thread](https://example.org) and `code`.\n> quoted\n\n---\nsnake_case_word stays");

        Assert.Equal("Interview 3\n\nSynthetic.\n\nInterviewer: Tell me about the thread and code.\nquoted\n\n\nsnake_case_word stays\n", text);
    }

    [Fact]
    public void Other_formats_and_undecodable_text_are_refused_with_the_file_name_and_reason()
    {
        var pdf = Assert.Throws<ResearchException>(() => TranscriptText.FormatOf("interview.pdf"));
        var latin1 = Assert.Throws<ResearchException>(() => TranscriptText.Read(new MemoryStream([0x48, 0xE9, 0x6C, 0x6C, 0x6F]), TranscriptFormat.PlainText, "latin1.txt"));
        var notWord = Assert.Throws<ResearchException>(() => TranscriptText.Read(new MemoryStream(Encoding.UTF8.GetBytes("plain")), TranscriptFormat.Docx, "fake.docx"));

        Assert.Contains("interview.pdf", pdf.Message, StringComparison.Ordinal);
        Assert.Contains("latin1.txt: not UTF-8", latin1.Message, StringComparison.Ordinal);
        Assert.StartsWith("fake.docx: not a readable Word document", notWord.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Each_replacement_is_reviewed_before_approval_and_approval_erases_the_identifiers(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        var transcripts = team.Get<Transcripts>();
        var code = await team.Get<Codebook>().CreateAsync(team.Lead, team.StudyId, new CodeInput("Motivation"), "Initial codebook.");

        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(WithIdentifiers));
        var transcript = await transcripts.ImportAsync(team.Coder, team.StudyId, "interview-1.txt", file, null, null);
        var review = await transcripts.ReviewAsync(team.Coder, transcript.Id);

        Assert.Equal("interview-1", review.Transcript.Title);
        Assert.Contains(review.Replacements, r => r.OriginalText == "Halifax" && r.Tag == "[PLACE]");
        Assert.Contains(review.Replacements, r => r.OriginalText == "amara.quist@hospital.example" && r.Tag == "[EMAIL]");
        Assert.Contains(review.Replacements, r => r.OriginalText!.Contains("Quist", StringComparison.Ordinal) && r.Tag == "[NAME]");
        Assert.All(review.Replacements, r => Assert.Equal(ReplacementDecision.Pending, r.Decision));
        await Assert.ThrowsAsync<ResearchException>(() => team.Get<CodingWorkbench>().ApplyAsync(team.Coder, transcript.Id, 0, 5, [code.Id]));
        await Assert.ThrowsAsync<ResearchException>(() => transcripts.ApproveAsync(team.Coder, transcript.Id));
        await Assert.ThrowsAsync<ResearchException>(() => transcripts.ReviewAsync(team.Auditor, transcript.Id));

        foreach (var replacement in review.Replacements)
        {
            var (decision, edited) = replacement.OriginalText switch
            {
                "Halifax" => (ReplacementDecision.Edited, "[CITY IN CANADA]"),
                _ => (ReplacementDecision.Accepted, (string?)null),
            };
            await transcripts.DecideAsync(team.Coder, replacement.Id, decision, edited);
        }

        Assert.Equal(1, await transcripts.AddReplacementAsync(team.Coder, transcript.Id, "emergency physician", "[SPECIALTY]"));
        await transcripts.ApproveAsync(team.Coder, transcript.Id);

        var ready = await transcripts.GetAsync(team.Auditor, transcript.Id);
        Assert.Equal(TranscriptStatus.Ready, ready.Status);
        Assert.DoesNotContain("Halifax", ready.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Quist", ready.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("emergency physician", ready.Text, StringComparison.Ordinal);
        Assert.Contains("[SPECIALTY] in [CITY IN CANADA].", ready.Text, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", ready.Text, StringComparison.Ordinal);
        await using var db = team.Store.NewDb();
        var stored = await db.Transcripts.SingleAsync(t => t.Id == transcript.Id);
        Assert.Null(stored.OriginalText);
        Assert.True(await db.DeidReplacements.Where(r => r.TranscriptId == transcript.Id).AllAsync(r => r.OriginalText == null));
        Assert.Single(await team.Get<CodingWorkbench>().ApplyAsync(team.Coder, transcript.Id, 0, 11, [code.Id]));
    }

    [Fact]
    public async Task Rejecting_a_replacement_keeps_the_original_words()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var transcripts = team.Get<Transcripts>();
        var transcript = await transcripts.ImportTextAsync(team.Lead, team.StudyId, "Interview", WithIdentifiers, null);
        foreach (var replacement in (await transcripts.ReviewAsync(team.Lead, transcript.Id)).Replacements)
        {
            await transcripts.DecideAsync(team.Lead, replacement.Id, replacement.OriginalText == "Halifax" ? ReplacementDecision.Rejected : ReplacementDecision.Accepted, null);
        }

        await transcripts.ApproveAsync(team.Lead, transcript.Id);

        Assert.Contains("physician in Halifax.", (await transcripts.GetAsync(team.Lead, transcript.Id)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task De_identification_follows_the_administrators_professionalism_settings()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var transcripts = team.Get<Transcripts>();
        var before = await transcripts.ImportTextAsync(team.Lead, team.StudyId, "Before", WithIdentifiers, null);
        var settings = ProfessionalismSettings.Default;
        settings.AllowedTerms.Add("Halifax");
        await team.Get<ProfessionalismService>().SaveSettingsAsync(settings, "admin");

        var after = await transcripts.ImportTextAsync(team.Lead, team.StudyId, "After", WithIdentifiers, null);

        Assert.Contains((await transcripts.ReviewAsync(team.Lead, before.Id)).Replacements, r => r.OriginalText == "Halifax");
        var review = await transcripts.ReviewAsync(team.Lead, after.Id);
        Assert.DoesNotContain(review.Replacements, r => r.OriginalText == "Halifax");
        Assert.Contains(review.Replacements, r => r.OriginalText == "amara.quist@hospital.example");
    }

    [Fact]
    public void Replacements_apply_in_order_and_pending_ones_preview_as_accepted()
    {
        var replacements = new[]
        {
            new DeidReplacement { OriginalStart = 10, OriginalLength = 5, OriginalText = "Jones", Category = "Name", Tag = "[NAME]", Decision = ReplacementDecision.Pending },
            new DeidReplacement { OriginalStart = 0, OriginalLength = 3, OriginalText = "Ann", Category = "Name", Tag = "[NAME]", Decision = ReplacementDecision.Edited, EditedText = "[P2]" },
            new DeidReplacement { OriginalStart = 19, OriginalLength = 4, OriginalText = "Bath", Category = "Place", Tag = "[PLACE]", Decision = ReplacementDecision.Rejected },
        };

        Assert.Equal("[P2] and D [NAME] in Bath.", Transcripts.Apply("Ann and D Jones in Bath.", replacements));
    }

    /// <summary>A minimal .docx: a zip with word/document.xml holding the given body.</summary>
    private static MemoryStream Docx(string body)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using (var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + body + "</w:body></w:document>");
            }
        }

        stream.Position = 0;
        return stream;
    }
}
