using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using System.Xml.Schema;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Research;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

public class RefiQdaTests
{
    private const string Interview1 = "Interviewer: What helped?\nParticipant: A mentor showed me how to plan episodes. The online community was generous. 😀 Our chair protected two hours a week.\n";
    private const string Interview2 = "Interviewer: What got in the way?\nParticipant: There is no protected time for it. The promotion committee did not count the blog.\n";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_project_exported_as_QDPX_and_imported_into_a_fresh_study_has_the_same_codebook_and_codings(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        await BuildProjectAsync(team);
        var refi = team.Get<RefiQda>();

        using var qdpx = new MemoryStream();
        await refi.ExportProjectAsync(team.Auditor, team.StudyId, qdpx);
        qdpx.Position = 0;
        var report = await refi.ImportProjectAsync(team.Outsider, qdpx, "study.qdpx");

        Assert.NotEqual(team.StudyId, report.StudyId);
        Assert.Equal(2, report.Transcripts);
        Assert.Equal(0, report.SkippedSelections);
        var original = await SnapshotAsync(team, team.Lead, team.StudyId);
        var imported = await SnapshotAsync(team, team.Outsider, report.StudyId);
        Assert.Equal(original.Codes, imported.Codes);
        Assert.Equal(original.Themes, imported.Themes);
        Assert.Equal(original.Codings, imported.Codings);
        Assert.Equal(original.Memos, imported.Memos);
        Assert.Equal(original.Participants, imported.Participants);
        Assert.Equal(original.Study, imported.Study);
        Assert.True(original.Codings.Count >= 6);

        // The imported study is the importer's own: the original team does not see it, and it is exportable again, identically.
        Assert.DoesNotContain(await team.Get<Studies>().ListAsync(team.Lead), s => s.Id == report.StudyId);
        using var again = new MemoryStream();
        await refi.ExportProjectAsync(team.Outsider, report.StudyId, again);
        Assert.Equal(ProjectXml(qdpx).Root!.Element(RefiQda.ProjectNs + "CodeBook")!.ToString(), ProjectXml(again).Root!.Element(RefiQda.ProjectNs + "CodeBook")!.ToString());
    }

    [Fact]
    public async Task A_codebook_exported_as_QDC_and_imported_into_a_fresh_study_has_the_same_codes_hierarchy_definitions_colours_and_themes()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        await BuildProjectAsync(team);
        var refi = team.Get<RefiQda>();
        var qdc = await refi.ExportCodebookAsync(team.Coder, team.StudyId);
        var fresh = await team.Get<Studies>().CreateAsync(team.Outsider, "Fresh study", null, null);

        var report = await refi.ImportCodebookAsync(team.Outsider, fresh.Id, new MemoryStream(Encoding.UTF8.GetBytes(qdc)), "codebook.qdc");

        Assert.Equal(5, report.CodesAdded);
        var original = await SnapshotAsync(team, team.Lead, team.StudyId);
        var imported = await SnapshotAsync(team, team.Outsider, fresh.Id);
        Assert.Equal(original.Codes, imported.Codes);
        Assert.Equal(original.Themes, imported.Themes);
        var audit = Assert.Single(await team.Get<AuditTrail>().ListAsync(team.Outsider, fresh.Id));
        Assert.Equal(CodebookAction.CodebookImported, audit.Action);

        // Importing the same codebook again adds nothing.
        var second = await refi.ImportCodebookAsync(team.Outsider, fresh.Id, new MemoryStream(Encoding.UTF8.GetBytes(qdc)), "codebook.qdc");
        Assert.Equal(0, second.CodesAdded);
        Assert.Equal(5, second.CodesAlreadyPresent);
    }

    [Fact]
    public async Task Exported_QDC_and_QDPX_are_valid_against_the_REFI_QDA_schemas()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        await BuildProjectAsync(team);
        var refi = team.Get<RefiQda>();
        var qdc = XDocument.Parse(await refi.ExportCodebookAsync(team.Lead, team.StudyId));
        using var qdpx = new MemoryStream();
        await refi.ExportProjectAsync(team.Lead, team.StudyId, qdpx);
        var project = ProjectXml(qdpx);

        Assert.Empty(Validate(qdc, "Codebook.xsd"));
        Assert.Empty(Validate(project, "Project.xsd"));
        Assert.Equal(RefiQda.ProjectNs + "Project", project.Root!.Name);

        // Sources travel as UTF-8 text files under sources/, referenced as internal://.
        qdpx.Position = 0;
        using var zip = new ZipArchive(qdpx, ZipArchiveMode.Read, leaveOpen: true);
        var paths = project.Descendants(RefiQda.ProjectNs + "TextSource").Select(s => (string)s.Attribute("plainTextPath")!).ToList();
        Assert.Equal(2, paths.Count);
        Assert.All(paths, p => Assert.NotNull(zip.GetEntry("sources/" + p["internal://".Length..])));
    }

    [Fact]
    public void The_schemas_reject_a_project_that_breaks_them()
    {
        var broken = new XDocument(new XElement(RefiQda.ProjectNs + "Project", new XElement(RefiQda.ProjectNs + "CodeBook", new XElement(RefiQda.ProjectNs + "Codes",
            new XElement(RefiQda.ProjectNs + "Code", new XAttribute("guid", "not-a-guid"), new XAttribute("name", "x"))))));

        Assert.NotEmpty(Validate(broken, "Project.xsd"));
    }

    [Fact]
    public void Positions_are_exchanged_in_code_points_and_read_back_as_string_offsets()
    {
        var text = "ab\U0001F600cd\U0001F601e";

        Assert.Equal(2, RefiQda.CodePointIndex(text, 2));
        Assert.Equal(3, RefiQda.CodePointIndex(text, 4));
        Assert.Equal(6, RefiQda.CodePointIndex(text, 8));
        Assert.Equal(7, RefiQda.CodePointIndex(text, text.Length));
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLowSurrogate(text[i]))
            {
                continue;
            }

            Assert.Equal(i, RefiQda.Utf16Index(text, RefiQda.CodePointIndex(text, i)));
        }

        Assert.Equal(-1, RefiQda.Utf16Index(text, 8));
    }

    [Fact]
    public void Definitions_criteria_and_examples_travel_as_labelled_paragraphs_of_the_description()
    {
        var description = RefiQda.DescribeCode("Guidance from someone experienced.\nOften a senior colleague.", "Named mentors.", "Online communities.", "\"Having someone who had walked the path.\"");

        Assert.Equal(("Guidance from someone experienced.\nOften a senior colleague.", "Named mentors.", "Online communities.", "\"Having someone who had walked the path.\""), RefiQda.ParseDescription(description));
        Assert.Equal(("Plain description from another tool.", null, null, null), RefiQda.ParseDescription("Plain description from another tool."));
    }

    [Fact]
    public async Task A_file_that_is_not_a_QDPX_project_is_refused_with_the_reason()
    {
        await using var team = await ResearchTestTeam.CreateAsync();

        var notZip = await Assert.ThrowsAsync<ResearchException>(() => team.Get<RefiQda>().ImportProjectAsync(team.Lead, new MemoryStream(Encoding.UTF8.GetBytes("hello")), "notes.qdpx"));
        using var empty = new MemoryStream();
        using (var zip = new ZipArchive(empty, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("readme.txt");
        }

        empty.Position = 0;
        var noProject = await Assert.ThrowsAsync<ResearchException>(() => team.Get<RefiQda>().ImportProjectAsync(team.Lead, empty, "empty.qdpx"));

        Assert.Contains("notes.qdpx: not a QDPX file", notZip.Message, StringComparison.Ordinal);
        Assert.Contains("project.qde is missing", noProject.Message, StringComparison.Ordinal);
        Assert.Single(await team.Get<Studies>().ListAsync(team.Lead));
    }

    [Fact]
    public async Task Coded_segments_export_as_CSV_with_the_coded_text()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        await BuildProjectAsync(team);

        var csv = await team.Get<RefiQda>().CodedSegmentsCsvAsync(team.Auditor, team.StudyId);

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("transcript,participant,coder,code,start,end,characters,text,codedAt", rows[0]);
        Assert.Contains(rows, r => r.StartsWith("Interview 1,P1,LEAD,Personal › Peer mentorship,", StringComparison.Ordinal) && r.Contains("A mentor showed me how to plan episodes.", StringComparison.Ordinal));
    }

    /// <summary>Two transcripts (one with a character outside the BMP), two coders, a hierarchy, themes, memos of every kind.</summary>
    private static async Task BuildProjectAsync(ResearchTestTeam team)
    {
        var codebook = team.Get<Codebook>();
        var workbench = team.Get<CodingWorkbench>();
        await team.Get<Snowball>().AddSeedAsync(team.Lead, team.StudyId, "Seed One", null);
        await team.Get<Snowball>().AddSeedAsync(team.Lead, team.StudyId, "Seed Two", null);
        var personal = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Personal", Color: "#0F6E8C"), "Framework.");
        var mentor = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Peer mentorship", personal.Id, "Guidance from someone experienced.", "Named mentors.", "Online communities.", "\"walked the path\"", "#d1603d"), "Initial codebook.");
        var community = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Online community", Definition: "Generous peers online."), "Initial codebook.");
        var time = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Time pressure", personal.Id), "Initial codebook.");
        var scholarship = await codebook.CreateAsync(team.Lead, team.StudyId, new CodeInput("Not counted as scholarship"), "Initial codebook.");
        var enablers = await codebook.CreateThemeAsync(team.Lead, team.StudyId, "Enablers", "What helps.", null, "Axial coding.");
        var personalEnablers = await codebook.CreateThemeAsync(team.Lead, team.StudyId, "Personal", null, enablers.Id, "Axial coding.");
        await codebook.SetThemeCodesAsync(team.Lead, personalEnablers.Id, [mentor.Id], "Axial coding.");
        await codebook.SetThemeCodesAsync(team.Lead, enablers.Id, [community.Id], "Axial coding.");

        var first = await team.ReadyTranscriptAsync("Interview 1", Interview1, "P1");
        var second = await team.ReadyTranscriptAsync("Interview 2", Interview2, "P2");
        var text1 = (await team.Get<Transcripts>().GetAsync(team.Lead, first)).Text;
        var text2 = (await team.Get<Transcripts>().GetAsync(team.Lead, second)).Text;
        TextSpan Find(string text, string phrase) => text.IndexOf(phrase, StringComparison.Ordinal) is var at and >= 0 ? new TextSpan(at, at + phrase.Length) : throw new InvalidOperationException(phrase);

        var mentorSpan = Find(text1, "A mentor showed me how to plan episodes.");
        var afterEmoji = Find(text1, "Our chair protected two hours a week.");
        await workbench.ApplyAsync(team.Lead, first, mentorSpan.Start, mentorSpan.End, [mentor.Id, community.Id]);
        await workbench.ApplyAsync(team.Coder, first, mentorSpan.Start + 2, mentorSpan.End, [mentor.Id]);
        await workbench.ApplyAsync(team.Lead, first, afterEmoji.Start, afterEmoji.End, [time.Id]);
        var noTime = Find(text2, "There is no protected time for it.");
        var promotion = Find(text2, "The promotion committee did not count the blog.");
        await workbench.ApplyAsync(team.Coder, second, noTime.Start, noTime.End, [time.Id]);
        await workbench.ApplyAsync(team.Lead, second, promotion.Start, promotion.End, [scholarship.Id]);
        await workbench.ApplyAsync(team.Coder, second, promotion.Start, promotion.End - 9, [scholarship.Id]);

        await workbench.AddMemoAsync(team.Lead, team.StudyId, new MemoInput(MemoTarget.Study, "Study memo: constant comparison."));
        await workbench.AddMemoAsync(team.Coder, team.StudyId, new MemoInput(MemoTarget.Code, "Code memo on mentorship.", CodeId: mentor.Id));
        await workbench.AddMemoAsync(team.Auditor, team.StudyId, new MemoInput(MemoTarget.Transcript, "Transcript memo by the auditor.", TranscriptId: second));
        await workbench.AddMemoAsync(team.Coder, team.StudyId, new MemoInput(MemoTarget.Span, "Span memo after the emoji.", TranscriptId: first, Start: afterEmoji.Start, End: afterEmoji.End));
        await workbench.AddMemoAsync(team.Lead, team.StudyId, new MemoInput(MemoTarget.Theme, "Theme memo on enablers.", ThemeId: enablers.Id));
    }

    private sealed record Snapshot(
        IReadOnlyList<string> Codes,
        IReadOnlyList<string> Themes,
        IReadOnlyList<string> Codings,
        IReadOnlyList<string> Memos,
        IReadOnlyList<string> Participants,
        string Study);

    /// <summary>Everything that must survive the round trip, keyed by names (ids differ between studies).</summary>
    private static async Task<Snapshot> SnapshotAsync(ResearchTestTeam team, ResearchActor actor, long studyId)
    {
        var view = await team.Get<Codebook>().GetAsync(actor, studyId);
        var names = view.Codes.ToDictionary(c => c.Id, c => c.Path);
        var codes = view.Codes.Select(c => $"{c.Path}|{c.Definition}|{c.Inclusion}|{c.Exclusion}|{c.Examples}|{c.Color}|{c.ExchangeId}").ToList();
        var themes = view.Themes.Select(t => $"{t.Path}|{t.Description}|{string.Join(",", t.CodeIds.Select(id => names[id]).Order(StringComparer.Ordinal))}").ToList();
        var transcripts = await team.Get<Transcripts>().ListAsync(actor, studyId);
        var codings = new List<string>();
        foreach (var transcript in transcripts)
        {
            var text = (await team.Get<Transcripts>().GetAsync(actor, transcript.Id)).Text;
            codings.AddRange((await team.Get<CodingWorkbench>().CodingsAsync(actor, transcript.Id, allCoders: true))
                .Select(c => $"{transcript.Title}|{transcript.ParticipantCode}|{c.CoderName}|{names[c.CodeId]}|{c.Start}|{c.End}|{text[c.Start..c.End]}"));
        }

        var memos = (await team.Get<CodingWorkbench>().MemosAsync(actor, studyId))
            .Select(m => $"{m.Target}|{m.CodeName}|{m.TranscriptTitle}|{m.ThemeName}|{m.Start}|{m.End}|{m.Text}|{m.AuthorLabel}").Order(StringComparer.Ordinal).ToList();
        var participants = (await team.Get<Snowball>().GetAsync(actor, studyId)).Participants.Select(p => p.Code).ToList();
        var study = await team.Get<Studies>().GetAsync(actor, studyId);
        return new Snapshot(codes, themes, codings.Order(StringComparer.Ordinal).ToList(), memos, participants, $"{study.Title}|{study.EthicsReference}|{study.Description}");
    }

    private static XDocument ProjectXml(MemoryStream qdpx)
    {
        qdpx.Position = 0;
        using var zip = new ZipArchive(qdpx, ZipArchiveMode.Read, leaveOpen: true);
        using var stream = zip.GetEntry("project.qde")!.Open();
        return XDocument.Load(stream);
    }

    private static List<string> Validate(XDocument document, string schemaFile)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(SchemaFolder(), schemaFile));
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    private static string SchemaFolder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Schemas");
}
