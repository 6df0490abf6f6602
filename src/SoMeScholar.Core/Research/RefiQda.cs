using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Professionalism;

namespace SoMeScholar.Core.Research;

public sealed record CodebookImportReport(int CodesAdded, int CodesAlreadyPresent, int ThemesAdded);

public sealed record ProjectImportReport(
    long StudyId,
    string Title,
    int Codes,
    int Transcripts,
    int Codings,
    int Memos,
    int Themes,
    int Participants,
    int Coders,
    int SkippedSources,
    int SkippedSelections,
    int PossibleIdentifiers);

/// <summary>
/// REFI-QDA exchange (www.qdasoftware.org, QDA-XML 1.0): the codebook as a QDC file (urn:QDA-XML:codebook:1.0) and
/// the whole project as a QDPX file, a zip holding project.qde (urn:QDA-XML:project:1.0) and the transcripts as UTF-8
/// text under sources/ (plainTextPath="internal://{guid}.txt"). Positions in the standard count characters (Unicode
/// code points); SoMeScholar's offsets count UTF-16 code units, and both ways are converted.
/// </summary>
/// <remarks>
/// <para>Mapping. Codes keep their GUID, name, colour and hierarchy; definition, inclusion and exclusion criteria and
/// examples travel in the code's Description as labelled paragraphs ("Inclusion: ..."). Coders are Users; each
/// coder's coding of a span is a PlainTextSelection with one Coding per code. Memos are Notes, referenced from the
/// code (NoteRef), the source, a selection (span memos), a set (MemberNote, theme memos) or the project (study memos).
/// Participants are Cases named by study code with SourceRefs to their transcripts. Themes and categories are Sets
/// named by their path ("Barriers › Institutional"). The study's ethics reference is the first line of the project
/// Description ("Ethics approval: ...").</para>
/// <para>Only approved (de-identified) transcripts are exported. Imported sources are taken as they are (coding
/// offsets depend on the exact text) and the report counts what the de-identification would flag in them.</para>
/// </remarks>
public sealed class RefiQda(ScholarDb db, StudyAccess access, ProfessionalismService professionalism, TimeProvider clock)
{
    public static readonly XNamespace CodebookNs = "urn:QDA-XML:codebook:1.0";
    public static readonly XNamespace ProjectNs = "urn:QDA-XML:project:1.0";
    public static readonly string Origin = "SoMeScholar " + SchemaMigrator.AppVersion;
    private const string PathSeparator = " › ";
    private static readonly string[] DescriptionLabels = ["Inclusion", "Exclusion", "Examples"];
    private const string EthicsPrefix = "Ethics approval: ";
    private const long MaxProjectXmlBytes = 200L * 1024 * 1024;
    private const long MaxSourceBytes = 20L * 1024 * 1024;

    // ---------------------------------------------------------------- codebook (QDC)

    public async Task<string> ExportCodebookAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var view = await Codebook.ViewAsync(db, studyId, cancellationToken);
        if (view.Codes.Count == 0)
        {
            throw ResearchException.Invalid("The codebook is empty: there is nothing to export.");
        }

        var codes = await db.Codes.AsNoTracking().Where(c => c.StudyId == studyId).ToDictionaryAsync(c => c.Id, cancellationToken);
        var root = new XElement(CodebookNs + "CodeBook", new XAttribute("origin", Origin), new XElement(CodebookNs + "Codes", CodeElements(CodebookNs, view, codes, null, null)));
        var sets = view.Themes.Select(theme => new XElement(CodebookNs + "Set",
            new XAttribute("guid", theme.ExchangeId), new XAttribute("name", theme.Path),
            theme.Description is null ? null : new XElement(CodebookNs + "Description", theme.Description),
            theme.CodeIds.Select(id => new XElement(CodebookNs + "MemberCode", new XAttribute("guid", codes[id].ExchangeId))))).ToList();
        if (sets.Count > 0)
        {
            root.Add(new XElement(CodebookNs + "Sets", sets));
        }

        return ToXml(new XDocument(new XDeclaration("1.0", "utf-8", null), root));
    }

    /// <summary>Adds the codes of a QDC file to the study's codebook (codes already there, by GUID or by path, are kept as they are).</summary>
    public async Task<CodebookImportReport> ImportCodebookAsync(ResearchActor actor, long studyId, Stream qdc, string fileName, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Edit, cancellationToken);
        var document = Load(qdc, fileName);
        var root = document.Root!;
        if (root.Name != CodebookNs + "CodeBook" && root.Name != ProjectNs + "Project")
        {
            throw ResearchException.Invalid($"{fileName}: not a REFI-QDA codebook (the root element is {root.Name.LocalName}).");
        }

        var ns = root.Name.Namespace;
        var codesElement = root.Name == ProjectNs + "Project" ? root.Element(ns + "CodeBook")?.Element(ns + "Codes") : root.Element(ns + "Codes");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (added, present, byGuid) = await ImportCodesAsync(studyId, codesElement?.Elements(ns + "Code") ?? [], ns, cancellationToken);
        var themes = await ImportSetsAsync(studyId, root.Element(ns + "Sets")?.Elements(ns + "Set") ?? [], ns, byGuid, memberAttribute: ns == CodebookNs ? "guid" : "targetGUID", notes: null, cancellationToken);
        await AuditTrail.AppendAsync(db, studyId, actor, clock.GetUtcNow().UtcDateTime, CodebookAction.CodebookImported, null, fileName,
            $"Imported the codebook {fileName}: {added.Count} code(s) added, {present} already present, {themes} theme(s) added.",
            new { file = fileName, added = added.Select(c => c.Name), alreadyPresent = present, themesAdded = themes }, $"Imported from {fileName}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CodebookImportReport(added.Count, present, themes);
    }

    // ---------------------------------------------------------------- project (QDPX)

    public async Task ExportProjectAsync(ResearchActor actor, long studyId, Stream output, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var study = await db.Studies.AsNoTracking().FirstAsync(s => s.Id == studyId, cancellationToken);
        var view = await Codebook.ViewAsync(db, studyId, cancellationToken);
        var codes = await db.Codes.AsNoTracking().Where(c => c.StudyId == studyId).ToDictionaryAsync(c => c.Id, cancellationToken);
        var coders = await db.StudyCoders.AsNoTracking().Where(c => c.StudyId == studyId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var transcripts = await db.Transcripts.AsNoTracking().Where(t => t.StudyId == studyId && t.Status == TranscriptStatus.Ready).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var transcriptIds = transcripts.Select(t => t.Id).ToHashSet();
        var codings = await db.Codings.AsNoTracking().Where(c => c.StudyId == studyId).OrderBy(c => c.TranscriptId).ThenBy(c => c.Start).ThenBy(c => c.End).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var memos = (await db.Memos.AsNoTracking().Where(m => m.StudyId == studyId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken))
            .Where(m => m.TranscriptId is null || transcriptIds.Contains(m.TranscriptId.Value)).ToList();
        var participants = await db.Participants.AsNoTracking().Where(p => p.StudyId == studyId).OrderBy(p => p.Number).ToListAsync(cancellationToken);
        var themes = await db.Themes.AsNoTracking().Where(t => t.StudyId == studyId).ToDictionaryAsync(t => t.Id, cancellationToken);

        // Users: every coder, then memo authors who never coded (by name).
        var userGuids = coders.ToDictionary(c => c.Id, c => c.ExchangeId);
        var users = coders.Select(c => (c.ExchangeId, c.Name)).ToList();
        var coderByUser = coders.Where(c => c.UserId is not null).ToDictionary(c => c.UserId!, c => c.ExchangeId);
        Guid AuthorGuid(Memo memo)
        {
            if (memo.AuthorUserId is { } userId && coderByUser.TryGetValue(userId, out var guid))
            {
                return guid;
            }

            var existing = users.FirstOrDefault(u => u.Name == memo.AuthorLabel);
            if (existing.Name is not null)
            {
                return existing.ExchangeId;
            }

            var made = DeterministicGuid("user", studyId.ToString(CultureInfo.InvariantCulture), memo.AuthorLabel);
            users.Add((made, memo.AuthorLabel));
            return made;
        }

        var notes = memos.Select(m => new XElement(ProjectNs + "Note",
            new XAttribute("guid", m.ExchangeId), new XAttribute("name", NoteName(m)), new XAttribute("creatingUser", AuthorGuid(m)), new XAttribute("creationDateTime", Time(m.CreatedAt)),
            new XElement(ProjectNs + "PlainTextContent", m.Text))).ToList();
        var codeNotes = memos.Where(m => m.Target == MemoTarget.Code && m.CodeId is not null).ToLookup(m => m.CodeId!.Value);

        var sources = new List<XElement>();
        var files = new List<(string Name, string Text)>();
        foreach (var transcript in transcripts)
        {
            var fileName = transcript.ExchangeId.ToString("D") + ".txt";
            files.Add((fileName, transcript.Text));
            var selections = codings.Where(c => c.TranscriptId == transcript.Id)
                .GroupBy(c => (c.Start, c.End, c.CoderId))
                .Select(g => new XElement(ProjectNs + "PlainTextSelection",
                    new XAttribute("guid", DeterministicGuid("selection", transcript.ExchangeId.ToString(), g.Key.Start.ToString(CultureInfo.InvariantCulture), g.Key.End.ToString(CultureInfo.InvariantCulture), userGuids[g.Key.CoderId].ToString())),
                    new XAttribute("name", CodingWorkbench.Excerpt(transcript.Text, g.Key.Start, g.Key.End, 60)),
                    new XAttribute("startPosition", CodePointIndex(transcript.Text, g.Key.Start)),
                    new XAttribute("endPosition", CodePointIndex(transcript.Text, g.Key.End)),
                    new XAttribute("creatingUser", userGuids[g.Key.CoderId]),
                    new XAttribute("creationDateTime", Time(g.Min(c => c.CreatedAt))),
                    g.Select(c => new XElement(ProjectNs + "Coding",
                        new XAttribute("guid", c.ExchangeId), new XAttribute("creatingUser", userGuids[c.CoderId]), new XAttribute("creationDateTime", Time(c.CreatedAt)),
                        new XElement(ProjectNs + "CodeRef", new XAttribute("targetGUID", codes[c.CodeId].ExchangeId))))))
                .ToList();
            selections.AddRange(memos.Where(m => m.Target == MemoTarget.Span && m.TranscriptId == transcript.Id && m.Start is not null && m.End is not null).Select(m => new XElement(ProjectNs + "PlainTextSelection",
                new XAttribute("guid", DeterministicGuid("memo-selection", m.ExchangeId.ToString())),
                new XAttribute("name", CodingWorkbench.Excerpt(transcript.Text, m.Start!.Value, m.End!.Value, 60)),
                new XAttribute("startPosition", CodePointIndex(transcript.Text, m.Start.Value)),
                new XAttribute("endPosition", CodePointIndex(transcript.Text, m.End.Value)),
                new XAttribute("creatingUser", AuthorGuid(m)),
                new XAttribute("creationDateTime", Time(m.CreatedAt)),
                new XElement(ProjectNs + "NoteRef", new XAttribute("targetGUID", m.ExchangeId)))));
            sources.Add(new XElement(ProjectNs + "TextSource",
                new XAttribute("guid", transcript.ExchangeId),
                new XAttribute("name", transcript.Title),
                new XAttribute("plainTextPath", "internal://" + fileName),
                new XAttribute("creationDateTime", Time(transcript.ImportedAt)),
                selections,
                memos.Where(m => m.Target == MemoTarget.Transcript && m.TranscriptId == transcript.Id).Select(m => new XElement(ProjectNs + "NoteRef", new XAttribute("targetGUID", m.ExchangeId)))));
        }

        var cases = participants.Select(p => new XElement(ProjectNs + "Case",
            new XAttribute("guid", p.ExchangeId), new XAttribute("name", p.Code),
            transcripts.Where(t => t.ParticipantId == p.Id).Select(t => new XElement(ProjectNs + "SourceRef", new XAttribute("targetGUID", t.ExchangeId))))).ToList();
        var sets = view.Themes.Select(theme => new XElement(ProjectNs + "Set",
            new XAttribute("guid", theme.ExchangeId), new XAttribute("name", theme.Path),
            theme.Description is null ? null : new XElement(ProjectNs + "Description", theme.Description),
            theme.CodeIds.Select(id => new XElement(ProjectNs + "MemberCode", new XAttribute("targetGUID", codes[id].ExchangeId))),
            memos.Where(m => m.Target == MemoTarget.Theme && m.ThemeId == theme.Id).Select(m => new XElement(ProjectNs + "MemberNote", new XAttribute("targetGUID", m.ExchangeId))))).ToList();

        var description = string.Join("\n", new[] { study.EthicsReference is null ? null : EthicsPrefix + study.EthicsReference, study.Description }.Where(s => s is not null));
        var project = new XElement(ProjectNs + "Project",
            new XAttribute("name", study.Title),
            new XAttribute("origin", Origin),
            new XAttribute("creationDateTime", Time(study.CreatedAt)),
            new XAttribute("modifiedDateTime", Time(clock.GetUtcNow().UtcDateTime)),
            users.Count == 0 ? null : new XElement(ProjectNs + "Users", users.Select(u => new XElement(ProjectNs + "User", new XAttribute("guid", u.ExchangeId), new XAttribute("name", u.Name)))),
            view.Codes.Count == 0 ? null : new XElement(ProjectNs + "CodeBook", new XElement(ProjectNs + "Codes", CodeElements(ProjectNs, view, codes, null, codeNotes))),
            cases.Count == 0 ? null : new XElement(ProjectNs + "Cases", cases),
            sources.Count == 0 ? null : new XElement(ProjectNs + "Sources", sources),
            notes.Count == 0 ? null : new XElement(ProjectNs + "Notes", notes),
            sets.Count == 0 ? null : new XElement(ProjectNs + "Sets", sets),
            description.Length == 0 ? null : new XElement(ProjectNs + "Description", description),
            memos.Where(m => m.Target == MemoTarget.Study).Select(m => new XElement(ProjectNs + "NoteRef", new XAttribute("targetGUID", m.ExchangeId))));

        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await WriteEntryAsync(zip, "project.qde", ToXml(new XDocument(new XDeclaration("1.0", "utf-8", null), project)), cancellationToken);
        foreach (var (name, text) in files)
        {
            await WriteEntryAsync(zip, "sources/" + name, text, cancellationToken);
        }
    }

    /// <summary>Imports a QDPX project as a new study led by the actor.</summary>
    public async Task<ProjectImportReport> ImportProjectAsync(ResearchActor actor, Stream qdpx, string fileName, CancellationToken cancellationToken = default)
    {
        using var zip = OpenZip(qdpx, fileName);
        var entry = zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, "project.qde", StringComparison.OrdinalIgnoreCase))
            ?? throw ResearchException.Invalid($"{fileName}: not a QDPX project (project.qde is missing).");
        if (entry.Length > MaxProjectXmlBytes)
        {
            throw ResearchException.Invalid($"{fileName}: project.qde is larger than {MaxProjectXmlBytes / 1024 / 1024} MB.");
        }

        XDocument document;
        await using (var stream = await entry.OpenAsync(cancellationToken))
        {
            document = Load(stream, fileName + "/project.qde");
        }

        var root = document.Root!;
        if (root.Name != ProjectNs + "Project")
        {
            throw ResearchException.Invalid($"{fileName}: project.qde is not a REFI-QDA project (root {root.Name}).");
        }

        var ns = ProjectNs;
        var title = (string?)root.Attribute("name") is { Length: > 0 } name ? name : Path.GetFileNameWithoutExtension(fileName);
        var (ethics, description) = SplitDescription((string?)root.Element(ns + "Description"));
        var now = clock.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var study = new Study
        {
            Title = title.Length > Studies.MaxTitleLength ? title[..Studies.MaxTitleLength] : title,
            EthicsReference = ethics is { Length: > 256 } ? ethics[..256] : ethics,
            Description = description,
            CreatedAt = now,
            CreatedByUserId = actor.UserId,
        };
        study.Members.Add(new StudyMember { UserId = actor.UserId, Role = StudyRole.Lead, AddedAt = now });
        db.Studies.Add(study);
        await db.SaveChangesAsync(cancellationToken);

        // Users become coders (named, not linked to sign-ins).
        var coders = new Dictionary<Guid, StudyCoder>();
        foreach (var user in root.Element(ns + "Users")?.Elements(ns + "User") ?? [])
        {
            var guid = ParseGuid(user.Attribute("guid"));
            if (guid is { } g && !coders.ContainsKey(g))
            {
                coders[g] = new StudyCoder { StudyId = study.Id, Name = Truncate((string?)user.Attribute("name") ?? (string?)user.Attribute("id") ?? "Coder", 256), ExchangeId = g };
            }
        }

        StudyCoder CoderFor(Guid? guid)
        {
            var key = guid ?? Guid.Empty;
            if (!coders.TryGetValue(key, out var coder))
            {
                coder = new StudyCoder { StudyId = study.Id, Name = guid is null ? "Unknown coder" : "Coder " + key.ToString("N")[..8], ExchangeId = guid ?? Guid.NewGuid() };
                coders[key] = coder;
            }

            return coder;
        }

        var (codesAdded, _, codesByGuid) = await ImportCodesAsync(study.Id, root.Element(ns + "CodeBook")?.Element(ns + "Codes")?.Elements(ns + "Code") ?? [], ns, cancellationToken);
        var noteElements = (root.Element(ns + "Notes")?.Elements(ns + "Note") ?? []).Where(n => ParseGuid(n.Attribute("guid")) is not null)
            .GroupBy(n => ParseGuid(n.Attribute("guid"))!.Value).ToDictionary(g => g.Key, g => g.First());
        var usedNotes = new HashSet<Guid>();
        var userNames = coders.ToDictionary(c => c.Key, c => c.Value.Name);
        var memos = new List<Memo>();
        Memo? NoteMemo(XElement noteRef, MemoTarget target)
        {
            var guid = ParseGuid(noteRef.Attribute("targetGUID"));
            if (guid is not { } g || !noteElements.TryGetValue(g, out var note) || !usedNotes.Add(g))
            {
                return null;
            }

            var text = (string?)note.Element(ns + "PlainTextContent") ?? (string?)note.Element(ns + "Description") ?? (string?)note.Attribute("name") ?? "";
            var author = ParseGuid(note.Attribute("creatingUser")) is { } u && userNames.TryGetValue(u, out var n) ? n : "Imported note";
            var memo = new Memo
            {
                StudyId = study.Id,
                Target = target,
                Text = text.Length == 0 ? "(empty note)" : text,
                AuthorLabel = Truncate(author, 256),
                CreatedAt = ParseTime(note.Attribute("creationDateTime")) ?? now,
                ExchangeId = g,
            };
            memos.Add(memo);
            return memo;
        }

        foreach (var codeElement in root.Element(ns + "CodeBook")?.Descendants(ns + "Code") ?? [])
        {
            if (ParseGuid(codeElement.Attribute("guid")) is { } g && codesByGuid.TryGetValue(g, out var code))
            {
                foreach (var noteRef in codeElement.Elements(ns + "NoteRef"))
                {
                    NoteMemo(noteRef, MemoTarget.Code)?.Let(m => m.CodeId = code.Id);
                }
            }
        }

        var skippedSources = 0;
        var skippedSelections = 0;
        var possibleIdentifiers = 0;
        var transcripts = new Dictionary<Guid, Transcript>();
        var codings = new List<(Transcript Transcript, Coding Coding, StudyCoder Coder)>();
        var spanMemos = new List<(Transcript Transcript, Memo Memo)>();
        foreach (var source in root.Element(ns + "Sources")?.Elements() ?? [])
        {
            if (source.Name != ns + "TextSource")
            {
                skippedSources++;
                continue;
            }

            var text = await SourceTextAsync(zip, source, ns, fileName, cancellationToken);
            var guid = ParseGuid(source.Attribute("guid")) ?? Guid.NewGuid();
            if (text is null || transcripts.ContainsKey(guid))
            {
                skippedSources++;
                continue;
            }

            possibleIdentifiers += (await professionalism.DeidentifyAsync(text, cancellationToken: cancellationToken)).Replacements.Count;
            var transcript = new Transcript
            {
                StudyId = study.Id,
                Title = Truncate((string?)source.Attribute("name") ?? "Source", 512),
                Format = TranscriptFormat.RefiQda,
                SourceFileName = fileName,
                Text = text,
                Status = TranscriptStatus.Ready,
                ImportedAt = now,
                ImportedByUserId = actor.UserId,
                ApprovedAt = now,
                ApprovedByUserId = actor.UserId,
                ExchangeId = guid,
            };
            transcripts[guid] = transcript;
            db.Transcripts.Add(transcript);

            foreach (var noteRef in source.Elements(ns + "NoteRef"))
            {
                if (NoteMemo(noteRef, MemoTarget.Transcript) is { } memo)
                {
                    spanMemos.Add((transcript, memo));
                }
            }

            foreach (var selection in source.Elements(ns + "PlainTextSelection"))
            {
                var startPoint = (int?)ParseInt(selection.Attribute("startPosition"));
                var endPoint = (int?)ParseInt(selection.Attribute("endPosition"));
                var start = startPoint is { } s ? Utf16Index(text, s) : -1;
                var end = endPoint is { } e ? Utf16Index(text, e) : -1;
                if (start < 0 || end < 0 || start >= end)
                {
                    skippedSelections++;
                    continue;
                }

                var selectionUser = ParseGuid(selection.Attribute("creatingUser"));
                foreach (var coding in selection.Elements(ns + "Coding"))
                {
                    var codeGuid = ParseGuid(coding.Element(ns + "CodeRef")?.Attribute("targetGUID"));
                    if (codeGuid is not { } cg || !codesByGuid.TryGetValue(cg, out var code))
                    {
                        skippedSelections++;
                        continue;
                    }

                    var coder = CoderFor(ParseGuid(coding.Attribute("creatingUser")) ?? selectionUser);
                    codings.Add((transcript, new Coding
                    {
                        StudyId = study.Id,
                        CodeId = code.Id,
                        Start = start,
                        End = end,
                        CreatedAt = ParseTime(coding.Attribute("creationDateTime")) ?? ParseTime(selection.Attribute("creationDateTime")) ?? now,
                        ExchangeId = ParseGuid(coding.Attribute("guid")) ?? Guid.NewGuid(),
                    }, coder));
                    foreach (var noteRef in coding.Elements(ns + "NoteRef"))
                    {
                        if (NoteMemo(noteRef, MemoTarget.Span) is { } memo)
                        {
                            (memo.Start, memo.End) = (start, end);
                            spanMemos.Add((transcript, memo));
                        }
                    }
                }

                foreach (var noteRef in selection.Elements(ns + "NoteRef"))
                {
                    if (NoteMemo(noteRef, MemoTarget.Span) is { } memo)
                    {
                        (memo.Start, memo.End) = (start, end);
                        spanMemos.Add((transcript, memo));
                    }
                }
            }
        }

        db.StudyCoders.AddRange(coders.Values);
        await db.SaveChangesAsync(cancellationToken);
        var seen = new HashSet<(Transcript, long, long, int, int)>();
        foreach (var (transcript, coding, coder) in codings)
        {
            if (seen.Add((transcript, coding.CodeId, coder.Id, coding.Start, coding.End)))
            {
                coding.TranscriptId = transcript.Id;
                coding.CoderId = coder.Id;
                db.Codings.Add(coding);
            }
        }

        foreach (var (transcript, memo) in spanMemos)
        {
            memo.TranscriptId = transcript.Id;
        }

        // Cases become participants; a case named like a study code keeps its number, others get the next free one
        // and their name goes to the lead-only identity table.
        var participants = 0;
        var caseElements = root.Element(ns + "Cases")?.Elements(ns + "Case").ToList() ?? [];
        var numbers = new HashSet<int>();
        var pending = new List<(XElement Case, int? Number)>();
        foreach (var element in caseElements)
        {
            var number = Snowball.ParseCode((string?)element.Attribute("name") ?? "");
            pending.Add((element, number is { } n && numbers.Add(n) ? n : null));
        }

        var next = numbers.Count == 0 ? 1 : numbers.Max() + 1;
        foreach (var (element, number) in pending)
        {
            var participant = new Participant { StudyId = study.Id, Number = number ?? next++, CreatedAt = now, ExchangeId = ParseGuid(element.Attribute("guid")) ?? Guid.NewGuid() };
            db.Participants.Add(participant);
            await db.SaveChangesAsync(cancellationToken);
            participants++;
            if (number is null)
            {
                db.ParticipantIdentities.Add(new ParticipantIdentity { ParticipantId = participant.Id, Name = Truncate((string?)element.Attribute("name") ?? "Imported case", 512) });
            }

            foreach (var sourceRef in element.Elements(ns + "SourceRef"))
            {
                if (ParseGuid(sourceRef.Attribute("targetGUID")) is { } g && transcripts.TryGetValue(g, out var transcript))
                {
                    transcript.ParticipantId = participant.Id;
                }
            }
        }

        var themes = await ImportSetsAsync(study.Id, root.Element(ns + "Sets")?.Elements(ns + "Set") ?? [], ns, codesByGuid, "targetGUID", (set, theme) =>
        {
            foreach (var memberNote in set.Elements(ns + "MemberNote"))
            {
                NoteMemo(memberNote, MemoTarget.Theme)?.Let(m => m.ThemeId = theme.Id);
            }
        }, cancellationToken);

        foreach (var noteRef in root.Elements(ns + "NoteRef"))
        {
            NoteMemo(noteRef, MemoTarget.Study);
        }

        foreach (var note in noteElements.Where(n => !usedNotes.Contains(n.Key)).Select(n => n.Value).ToList())
        {
            NoteMemo(new XElement(ns + "NoteRef", new XAttribute("targetGUID", note.Attribute("guid")!.Value)), MemoTarget.Study);
        }

        db.Memos.AddRange(memos);
        await db.SaveChangesAsync(cancellationToken);
        await AuditTrail.AppendAsync(db, study.Id, actor, now, CodebookAction.CodebookImported, null, fileName,
            $"Created the study from the REFI-QDA project {fileName}: {codesAdded.Count} code(s), {themes} theme(s).",
            new { file = fileName, codes = codesAdded.Select(c => c.Name), themes }, $"Imported from {fileName}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ProjectImportReport(study.Id, study.Title, codesAdded.Count, transcripts.Count, await db.Codings.CountAsync(c => c.StudyId == study.Id, cancellationToken),
            memos.Count, themes, participants, coders.Count, skippedSources, skippedSelections, possibleIdentifiers);
    }

    // ---------------------------------------------------------------- coded segments (CSV)

    /// <summary>Every coding as a row: transcript, participant, coder, code (path), offsets, and the coded text.</summary>
    public async Task<string> CodedSegmentsCsvAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var view = await Codebook.ViewAsync(db, studyId, cancellationToken);
        var paths = view.Codes.ToDictionary(c => c.Id, c => c.Path);
        var transcripts = await db.Transcripts.AsNoTracking().Where(t => t.StudyId == studyId && t.Status == TranscriptStatus.Ready)
            .Select(t => new { t.Id, t.Title, t.Text, Number = db.Participants.Where(p => p.Id == t.ParticipantId).Select(p => (int?)p.Number).FirstOrDefault() })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var coders = await db.StudyCoders.AsNoTracking().Where(c => c.StudyId == studyId).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var codings = await db.Codings.AsNoTracking().Where(c => c.StudyId == studyId).OrderBy(c => c.TranscriptId).ThenBy(c => c.Start).ThenBy(c => c.End).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        Csv.Row(csv, "transcript", "participant", "coder", "code", "start", "end", "characters", "text", "codedAt");
        foreach (var c in codings.Where(c => transcripts.ContainsKey(c.TranscriptId)))
        {
            var t = transcripts[c.TranscriptId];
            Csv.Row(csv, t.Title, t.Number is { } n ? Participant.CodeFor(n) : "", coders[c.CoderId], paths[c.CodeId],
                c.Start.ToString(CultureInfo.InvariantCulture), c.End.ToString(CultureInfo.InvariantCulture),
                CodingComparison.Units(t.Text, c.Start, c.End).ToString(CultureInfo.InvariantCulture), t.Text[c.Start..c.End],
                c.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        return csv.ToString();
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Definition, then labelled paragraphs for the criteria and examples.</summary>
    public static string? DescribeCode(string? definition, string? inclusion, string? exclusion, string? examples)
    {
        var parts = new List<string>();
        if (definition is not null)
        {
            parts.Add(definition);
        }

        if (inclusion is not null)
        {
            parts.Add("Inclusion: " + inclusion);
        }

        if (exclusion is not null)
        {
            parts.Add("Exclusion: " + exclusion);
        }

        if (examples is not null)
        {
            parts.Add("Examples: " + examples);
        }

        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }

    /// <summary>The inverse of <see cref="DescribeCode"/>; a description without labels is all definition.</summary>
    public static (string? Definition, string? Inclusion, string? Exclusion, string? Examples) ParseDescription(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return (null, null, null, null);
        }

        var fields = new Dictionary<string, StringBuilder> { ["definition"] = new(), ["inclusion"] = new(), ["exclusion"] = new(), ["examples"] = new() };
        var current = "definition";
        foreach (var line in description.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var label = DescriptionLabels.FirstOrDefault(l => line.StartsWith(l + ":", StringComparison.Ordinal));
            var content = line;
            if (label is not null)
            {
                current = label.ToLowerInvariant();
                content = line[(label.Length + 1)..].TrimStart();
            }

            var builder = fields[current];
            if (builder.Length > 0 || label is null)
            {
                builder.Append('\n');
            }

            builder.Append(content);
        }

        static string? Clean(StringBuilder b) => b.ToString().Trim() is { Length: > 0 } s ? s : null;
        return (Clean(fields["definition"]), Clean(fields["inclusion"]), Clean(fields["exclusion"]), Clean(fields["examples"]));
    }

    /// <summary>The code-point index of a UTF-16 index (the number of characters before it).</summary>
    public static int CodePointIndex(string text, int utf16Index)
    {
        var index = utf16Index;
        for (var i = 1; i < utf16Index && i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]))
            {
                index--;
            }
        }

        return index;
    }

    /// <summary>The UTF-16 index of a code-point index, or -1 when it lies beyond the text.</summary>
    public static int Utf16Index(string text, int codePointIndex)
    {
        if (codePointIndex < 0)
        {
            return -1;
        }

        var points = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (points == codePointIndex)
            {
                return i;
            }

            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            points++;
        }

        return points == codePointIndex ? text.Length : -1;
    }

    private static IEnumerable<XElement> CodeElements(XNamespace ns, CodebookView view, IReadOnlyDictionary<long, Code> codes, long? parentId, ILookup<long, Memo>? notes) =>
        view.Codes.Where(c => c.ParentId == parentId).Select(entry =>
        {
            var code = codes[entry.Id];
            return new XElement(ns + "Code",
                new XAttribute("guid", code.ExchangeId),
                new XAttribute("name", code.Name),
                new XAttribute("isCodable", "true"),
                new XAttribute("color", code.Color.ToUpperInvariant()),
                DescribeCode(code.Definition, code.Inclusion, code.Exclusion, code.Examples) is { } d ? new XElement(ns + "Description", d) : null,
                notes?[code.Id].Select(m => new XElement(ns + "NoteRef", new XAttribute("targetGUID", m.ExchangeId))),
                CodeElements(ns, view, codes, code.Id, notes));
        });

    private async Task<(List<Code> Added, int AlreadyPresent, Dictionary<Guid, Code> ByGuid)> ImportCodesAsync(long studyId, IEnumerable<XElement> topLevel, XNamespace ns, CancellationToken cancellationToken)
    {
        var existing = await db.Codes.Where(c => c.StudyId == studyId).ToListAsync(cancellationToken);
        var byGuid = existing.GroupBy(c => c.ExchangeId).ToDictionary(g => g.Key, g => g.First());
        var byPath = new Dictionary<(long? Parent, string Name), Code>();
        foreach (var code in existing)
        {
            byPath.TryAdd((code.ParentId, code.Name.ToLowerInvariant()), code);
        }

        var added = new List<Code>();
        var present = 0;
        var count = existing.Count;
        async Task ImportLevel(IEnumerable<XElement> elements, Code? parent)
        {
            var order = 0;
            foreach (var element in elements)
            {
                var name = Truncate(((string?)element.Attribute("name"))?.Trim() is { Length: > 0 } n ? n : "Unnamed code", Codebook.MaxNameLength);
                var guid = ParseGuid(element.Attribute("guid")) ?? Guid.NewGuid();
                if (!byGuid.TryGetValue(guid, out var code) && !byPath.TryGetValue((parent?.Id, name.ToLowerInvariant()), out code))
                {
                    var (definition, inclusion, exclusion, examples) = ParseDescription((string?)element.Element(ns + "Description"));
                    code = new Code
                    {
                        StudyId = studyId,
                        ParentId = parent?.Id,
                        Name = name,
                        Definition = definition,
                        Inclusion = inclusion,
                        Exclusion = exclusion,
                        Examples = examples,
                        Color = SafeColor((string?)element.Attribute("color")) ?? Codebook.Palette[count % Codebook.Palette.Count],
                        SortOrder = order,
                        ExchangeId = guid,
                        CreatedAt = clock.GetUtcNow().UtcDateTime,
                    };
                    db.Codes.Add(code);
                    await db.SaveChangesAsync(cancellationToken);
                    added.Add(code);
                    count++;
                    byPath[(parent?.Id, name.ToLowerInvariant())] = code;
                }
                else
                {
                    present++;
                }

                byGuid[guid] = code;
                order++;
                await ImportLevel(element.Elements(ns + "Code"), code);
            }
        }

        await ImportLevel(topLevel, null);
        return (added, present, byGuid);
    }

    private async Task<int> ImportSetsAsync(long studyId, IEnumerable<XElement> sets, XNamespace ns, Dictionary<Guid, Code> codes, string memberAttribute, Action<XElement, Theme>? notes, CancellationToken cancellationToken)
    {
        var themes = await db.Themes.Where(t => t.StudyId == studyId).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var set in sets)
        {
            var path = ((string?)set.Attribute("name") ?? "Set").Split(PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Theme? parent = null;
            for (var i = 0; i < path.Length; i++)
            {
                var name = Truncate(path[i], Codebook.MaxNameLength);
                var theme = themes.FirstOrDefault(t => t.ParentId == parent?.Id && string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
                if (theme is null)
                {
                    theme = new Theme
                    {
                        StudyId = studyId,
                        ParentId = parent?.Id,
                        Name = name,
                        SortOrder = themes.Count(t => t.ParentId == parent?.Id),
                        ExchangeId = i == path.Length - 1 ? ParseGuid(set.Attribute("guid")) ?? Guid.NewGuid() : Guid.NewGuid(),
                    };
                    db.Themes.Add(theme);
                    await db.SaveChangesAsync(cancellationToken);
                    themes.Add(theme);
                    added++;
                }

                parent = theme;
            }

            if (parent is null)
            {
                continue;
            }

            parent.Description ??= (string?)set.Element(ns + "Description");
            var linked = await db.ThemeCodes.Where(l => l.ThemeId == parent.Id).Select(l => l.CodeId).ToListAsync(cancellationToken);
            foreach (var member in set.Elements(ns + "MemberCode"))
            {
                if (ParseGuid(member.Attribute(memberAttribute)) is { } g && codes.TryGetValue(g, out var code) && !linked.Contains(code.Id))
                {
                    db.ThemeCodes.Add(new ThemeCode { ThemeId = parent.Id, CodeId = code.Id });
                    linked.Add(code.Id);
                }
            }

            notes?.Invoke(set, parent);
            await db.SaveChangesAsync(cancellationToken);
        }

        return added;
    }

    private static async Task<string?> SourceTextAsync(ZipArchive zip, XElement source, XNamespace ns, string fileName, CancellationToken cancellationToken)
    {
        if ((string?)source.Element(ns + "PlainTextContent") is { } content)
        {
            return content;
        }

        var path = (string?)source.Attribute("plainTextPath");
        if (path is null || !path.StartsWith("internal://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = path["internal://".Length..];
        var entry = zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, "sources/" + name, StringComparison.OrdinalIgnoreCase))
            ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, name, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            throw ResearchException.Invalid($"{fileName}: the source {name} is referenced but not in the archive.");
        }

        if (entry.Length > MaxSourceBytes)
        {
            throw ResearchException.Invalid($"{fileName}: the source {name} is larger than {MaxSourceBytes / 1024 / 1024} MB.");
        }

        await using var stream = await entry.OpenAsync(cancellationToken);
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static ZipArchive OpenZip(Stream stream, string fileName)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw ResearchException.Invalid($"{fileName}: not a QDPX file (not a zip archive: {e.Message}).");
        }
    }

    private static XDocument Load(Stream stream, string fileName)
    {
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw ResearchException.Invalid($"{fileName}: not well-formed XML (line {e.LineNumber}, position {e.LinePosition}: {e.Message}).");
        }
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, string text, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var stream = await entry.OpenAsync(cancellationToken);
        var bytes = new UTF8Encoding(false).GetBytes(text);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private static string ToXml(XDocument document)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(builder), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" }))
        {
            document.Save(writer);
        }

        return builder.ToString();
    }

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }

    private static string NoteName(Memo memo)
    {
        var first = memo.Text.Split('\n')[0].Trim().Trim('*').Trim();
        return first.Length == 0 ? "Memo" : Truncate(first, 80);
    }

    private static (string? Ethics, string? Description) SplitDescription(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        string? ethics = null;
        if (lines[0].StartsWith(EthicsPrefix, StringComparison.Ordinal))
        {
            ethics = lines[0][EthicsPrefix.Length..].Trim();
            lines.RemoveAt(0);
        }

        var rest = string.Join("\n", lines).Trim();
        return (ethics is { Length: > 0 } ? ethics : null, rest.Length == 0 ? null : rest);
    }

    private static string Time(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTime? ParseTime(XAttribute? attribute) =>
        attribute is not null && DateTime.TryParse(attribute.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : null;

    private static Guid? ParseGuid(XAttribute? attribute) => attribute is not null && Guid.TryParse(attribute.Value.Trim('{', '}'), out var guid) ? guid : null;

    private static long? ParseInt(XAttribute? attribute) => attribute is not null && long.TryParse(attribute.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= int.MaxValue ? value : null;

    private static string? SafeColor(string? color)
    {
        try
        {
            return Codebook.ValidColor(color);
        }
        catch (ResearchException)
        {
            return null;
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>A name-based GUID (SHA-256 of the parts, version 5 layout), so exports of the same data are identical.</summary>
    public static Guid DeterministicGuid(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

internal static class ObjectExtensions
{
    /// <summary>Runs an action on a value (for the optional results of note lookups).</summary>
    public static void Let<T>(this T value, Action<T> action) => action(value);
}
