using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Research;

public sealed record CodeHeader(long Id, string Name, string Path, int Depth, string Color);

/// <summary>References: coded spans (each coder's, counted apart). Characters: code points covered by the union of those spans.</summary>
public sealed record FrequencyCell(int References, long Characters);

public sealed record FrequencyColumn(long Id, string Label);

/// <summary>Code × column (transcript or participant) counts; <see cref="Cells"/>[code][column].</summary>
public sealed record FrequencyTable(IReadOnlyList<CodeHeader> Codes, IReadOnlyList<FrequencyColumn> Columns, IReadOnlyList<IReadOnlyList<FrequencyCell>> Cells, IReadOnlyList<FrequencyCell> Totals);

public sealed record Frequencies(FrequencyTable ByTranscript, FrequencyTable ByParticipant, long? CoderId);

/// <summary>
/// Code co-occurrence: <see cref="Counts"/>[i][j] (i ≠ j) is the number of pairs of a segment of code i and a
/// segment of code j in the same transcript that share at least one character; the diagonal is the number of segments
/// of code i. A segment is a maximal stretch of text a code covers (the union of the chosen coders' spans of that code).
/// </summary>
public sealed record CooccurrenceMatrix(IReadOnlyList<CodeHeader> Codes, IReadOnlyList<IReadOnlyList<int>> Counts, long? CoderId);

public sealed record ThemeSummary(long Id, string Name, string Path, int Depth, string? Description, IReadOnlyList<CodeHeader> Codes, int References, int Transcripts, int Participants);

public sealed record AgreementRow(long CodeId, string CodeName, long TranscriptId, string TranscriptTitle, AgreementCounts Counts);

public sealed record AgreementTotal(long Id, string Name, int Rows, AgreementCounts Pooled);

/// <summary>
/// Coder A against coder B: a row per code and transcript where at least one of them applied the code (NVivo's
/// per-node, per-source comparison), and pooled figures per code, per transcript and overall, computed from the
/// summed character counts of those rows.
/// </summary>
public sealed record AgreementReport(CoderView A, CoderView B, IReadOnlyList<AgreementRow> Rows, IReadOnlyList<AgreementTotal> ByCode, IReadOnlyList<AgreementTotal> ByTranscript, AgreementCounts Overall);

public sealed record DisagreementView(DisagreementRange Range, string Excerpt, string CoderName);

public sealed record DisagreementReport(long CodeId, string CodeName, long TranscriptId, string TranscriptTitle, CoderView A, CoderView B, AgreementCounts Counts, IReadOnlyList<DisagreementView> Disagreements);

/// <summary>The analysis views over a study's codings: frequencies, co-occurrence, themes and inter-coder agreement.</summary>
public sealed class Analysis(ScholarDb db, StudyAccess access)
{
    public async Task<Frequencies> FrequenciesAsync(ResearchActor actor, long studyId, long? coderId = null, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var data = await LoadAsync(studyId, coderId, cancellationToken);
        var byTranscript = Table(data, data.Transcripts.Select(t => new FrequencyColumn(t.Id, t.Title)).ToList(), t => t.Id);
        var participants = data.Transcripts.Where(t => t.ParticipantId is not null).Select(t => (Id: t.ParticipantId!.Value, t.ParticipantNumber))
            .Distinct().OrderBy(p => p.ParticipantNumber).Select(p => new FrequencyColumn(p.Id, Participant.CodeFor(p.ParticipantNumber!.Value))).ToList();
        var byParticipant = Table(data, participants, t => t.ParticipantId ?? -1);
        return new Frequencies(byTranscript, byParticipant, coderId);
    }

    public async Task<CooccurrenceMatrix> CooccurrenceAsync(ResearchActor actor, long studyId, long? coderId = null, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var data = await LoadAsync(studyId, coderId, cancellationToken);
        return Cooccurrence(data.Codes, data.Codings.Select(c => (c.TranscriptId, c.CodeId, new TextSpan(c.Start, c.End))), data.Transcripts.ToDictionary(t => t.Id, t => t.Text.Length), coderId);
    }

    /// <summary>The co-occurrence matrix of <paramref name="codes"/> from coded spans (pure; see <see cref="CooccurrenceMatrix"/>).</summary>
    public static CooccurrenceMatrix Cooccurrence(IReadOnlyList<CodeHeader> codes, IEnumerable<(long TranscriptId, long CodeId, TextSpan Span)> spans, IReadOnlyDictionary<long, int> lengths, long? coderId)
    {
        var index = codes.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var counts = new int[codes.Count][];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = new int[codes.Count];
        }

        foreach (var transcript in spans.Where(s => index.ContainsKey(s.CodeId)).GroupBy(s => s.TranscriptId))
        {
            var length = lengths.GetValueOrDefault(transcript.Key, int.MaxValue);
            var segments = transcript.GroupBy(s => s.CodeId)
                .Select(g => (Code: index[g.Key], Segments: CodingComparison.Union(g.Select(s => s.Span), length)))
                .OrderBy(x => x.Code)
                .ToList();
            foreach (var (code, list) in segments)
            {
                counts[code][code] += list.Count;
            }

            for (var a = 0; a < segments.Count; a++)
            {
                for (var b = a + 1; b < segments.Count; b++)
                {
                    var overlapping = OverlappingPairs(segments[a].Segments, segments[b].Segments);
                    counts[segments[a].Code][segments[b].Code] += overlapping;
                    counts[segments[b].Code][segments[a].Code] += overlapping;
                }
            }
        }

        return new CooccurrenceMatrix(codes, counts, coderId);
    }

    public async Task<IReadOnlyList<ThemeSummary>> ThemesAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var view = await Codebook.ViewAsync(db, studyId, cancellationToken);
        var data = await LoadAsync(studyId, null, cancellationToken);
        var headers = data.Codes.ToDictionary(c => c.Id);
        var participantOf = data.Transcripts.ToDictionary(t => t.Id, t => t.ParticipantId);
        return view.Themes.Select(theme =>
        {
            // A theme groups its own codes and those of its categories.
            var codeIds = view.Themes.Where(t => t.Id == theme.Id || t.Path.StartsWith(theme.Path + " › ", StringComparison.Ordinal)).SelectMany(t => t.CodeIds).ToHashSet();
            var codings = data.Codings.Where(c => codeIds.Contains(c.CodeId)).ToList();
            return new ThemeSummary(theme.Id, theme.Name, theme.Path, theme.Depth, theme.Description,
                theme.CodeIds.Where(headers.ContainsKey).Select(id => headers[id]).ToList(),
                codings.Count,
                codings.Select(c => c.TranscriptId).Distinct().Count(),
                codings.Select(c => participantOf.GetValueOrDefault(c.TranscriptId)).Where(p => p is not null).Distinct().Count());
        }).ToList();
    }

    public async Task<AgreementReport> AgreementAsync(ResearchActor actor, long studyId, long coderA, long coderB, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var (a, b) = await CoderPairAsync(actor, studyId, coderA, coderB, cancellationToken);
        var data = await LoadAsync(studyId, null, cancellationToken);
        var rows = new List<AgreementRow>();
        foreach (var transcript in data.Transcripts)
        {
            var codings = data.Codings.Where(c => c.TranscriptId == transcript.Id && (c.CoderId == coderA || c.CoderId == coderB)).ToList();
            foreach (var code in data.Codes.Where(code => codings.Any(c => c.CodeId == code.Id)))
            {
                var ofCode = codings.Where(c => c.CodeId == code.Id).ToList();
                var counts = CodingComparison.Compare(transcript.Text,
                    ofCode.Where(c => c.CoderId == coderA).Select(c => new TextSpan(c.Start, c.End)),
                    ofCode.Where(c => c.CoderId == coderB).Select(c => new TextSpan(c.Start, c.End)));
                rows.Add(new AgreementRow(code.Id, code.Name, transcript.Id, transcript.Title, counts));
            }
        }

        var byCode = data.Codes.Where(c => rows.Any(r => r.CodeId == c.Id))
            .Select(c => Total(c.Id, c.Path, rows.Where(r => r.CodeId == c.Id))).ToList();
        var byTranscript = data.Transcripts.Where(t => rows.Any(r => r.TranscriptId == t.Id))
            .Select(t => Total(t.Id, t.Title, rows.Where(r => r.TranscriptId == t.Id))).ToList();
        return new AgreementReport(a, b, rows, byCode, byTranscript, rows.Aggregate(AgreementCounts.Empty, (sum, r) => sum + r.Counts));
    }

    public async Task<DisagreementReport> DisagreementsAsync(ResearchActor actor, long studyId, long codeId, long transcriptId, long coderA, long coderB, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var (a, b) = await CoderPairAsync(actor, studyId, coderA, coderB, cancellationToken);
        var code = await db.Codes.AsNoTracking().Where(c => c.Id == codeId && c.StudyId == studyId).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(cancellationToken)
            ?? throw ResearchException.NotFound($"Code {codeId}");
        var transcript = await db.Transcripts.AsNoTracking().Where(t => t.Id == transcriptId && t.StudyId == studyId && t.Status == TranscriptStatus.Ready)
            .Select(t => new { t.Id, t.Title, t.Text }).FirstOrDefaultAsync(cancellationToken) ?? throw ResearchException.NotFound($"Transcript {transcriptId}");
        var codings = await db.Codings.AsNoTracking().Where(c => c.TranscriptId == transcriptId && c.CodeId == codeId && (c.CoderId == coderA || c.CoderId == coderB))
            .Select(c => new { c.CoderId, c.Start, c.End }).ToListAsync(cancellationToken);
        var spansA = codings.Where(c => c.CoderId == coderA).Select(c => new TextSpan(c.Start, c.End)).ToList();
        var spansB = codings.Where(c => c.CoderId == coderB).Select(c => new TextSpan(c.Start, c.End)).ToList();
        var ranges = CodingComparison.Disagreements(transcript.Text, spansA, spansB)
            .Select(r => new DisagreementView(r, CodingWorkbench.Excerpt(transcript.Text, r.Span.Start, r.Span.End, 400), r.CodedByA ? a.Name : b.Name))
            .ToList();
        return new DisagreementReport(code.Id, code.Name, transcript.Id, transcript.Title, a, b, CodingComparison.Compare(transcript.Text, spansA, spansB), ranges);
    }

    private async Task<(CoderView A, CoderView B)> CoderPairAsync(ResearchActor actor, long studyId, long coderA, long coderB, CancellationToken cancellationToken)
    {
        if (coderA == coderB)
        {
            throw ResearchException.Invalid("Compare two different coders.");
        }

        var coders = await db.StudyCoders.AsNoTracking().Where(c => c.StudyId == studyId && (c.Id == coderA || c.Id == coderB))
            .Select(c => new CoderView(c.Id, c.Name, c.UserId != null, c.UserId == actor.UserId, db.Codings.Count(x => x.CoderId == c.Id)))
            .ToListAsync(cancellationToken);
        var a = coders.FirstOrDefault(c => c.Id == coderA) ?? throw ResearchException.Invalid($"Coder {coderA} is not a coder of this study.");
        var b = coders.FirstOrDefault(c => c.Id == coderB) ?? throw ResearchException.Invalid($"Coder {coderB} is not a coder of this study.");
        return (a, b);
    }

    private static AgreementTotal Total(long id, string name, IEnumerable<AgreementRow> rows)
    {
        var list = rows.ToList();
        return new AgreementTotal(id, name, list.Count, list.Aggregate(AgreementCounts.Empty, (sum, r) => sum + r.Counts));
    }

    private static FrequencyTable Table(StudyData data, List<FrequencyColumn> columns, Func<TranscriptData, long> columnOf)
    {
        var columnIndex = columns.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var transcripts = data.Transcripts.ToDictionary(t => t.Id);
        var cells = new List<IReadOnlyList<FrequencyCell>>();
        var totals = new List<FrequencyCell>();
        foreach (var code in data.Codes)
        {
            var ofCode = data.Codings.Where(c => c.CodeId == code.Id).ToList();
            var row = new FrequencyCell[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                var inColumn = ofCode.Where(c => columnIndex.TryGetValue(columnOf(transcripts[c.TranscriptId]), out var column) && column == i).ToList();
                row[i] = new FrequencyCell(inColumn.Count, Characters(inColumn, transcripts));
            }

            cells.Add(row);
            totals.Add(new FrequencyCell(ofCode.Count, Characters(ofCode, transcripts)));
        }

        return new FrequencyTable(data.Codes, columns, cells, totals);
    }

    private static long Characters(IEnumerable<CodingData> codings, Dictionary<long, TranscriptData> transcripts) =>
        codings.GroupBy(c => c.TranscriptId).Sum(g =>
        {
            var text = transcripts[g.Key].Text;
            return CodingComparison.Units(text, CodingComparison.Union(g.Select(c => new TextSpan(c.Start, c.End)), text.Length));
        });

    /// <summary>Pairs (x in a, y in b) that share a character; both lists sorted and disjoint within themselves.</summary>
    private static int OverlappingPairs(List<TextSpan> a, List<TextSpan> b)
    {
        var count = 0;
        var first = 0;
        foreach (var x in a)
        {
            while (first < b.Count && b[first].End <= x.Start)
            {
                first++;
            }

            for (var j = first; j < b.Count && b[j].Start < x.End; j++)
            {
                count++;
            }
        }

        return count;
    }

    internal sealed record TranscriptData(long Id, string Title, string Text, long? ParticipantId, int? ParticipantNumber);

    internal sealed record CodingData(long TranscriptId, long CodeId, long CoderId, int Start, int End);

    internal sealed record StudyData(IReadOnlyList<CodeHeader> Codes, IReadOnlyList<TranscriptData> Transcripts, IReadOnlyList<CodingData> Codings);

    private async Task<StudyData> LoadAsync(long studyId, long? coderId, CancellationToken cancellationToken)
    {
        var view = await Codebook.ViewAsync(db, studyId, cancellationToken);
        var codes = view.Codes.Select(c => new CodeHeader(c.Id, c.Name, c.Path, c.Depth, c.Color)).ToList();
        var transcripts = await db.Transcripts.AsNoTracking().Where(t => t.StudyId == studyId && t.Status == TranscriptStatus.Ready)
            .OrderBy(t => t.Title).ThenBy(t => t.Id)
            .Select(t => new TranscriptData(t.Id, t.Title, t.Text, t.ParticipantId, db.Participants.Where(p => p.Id == t.ParticipantId).Select(p => (int?)p.Number).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var codings = await db.Codings.AsNoTracking().Where(c => c.StudyId == studyId && (coderId == null || c.CoderId == coderId))
            .Select(c => new CodingData(c.TranscriptId, c.CodeId, c.CoderId, c.Start, c.End))
            .ToListAsync(cancellationToken);
        var ready = transcripts.Select(t => t.Id).ToHashSet();
        return new StudyData(codes, transcripts, codings.Where(c => ready.Contains(c.TranscriptId)).ToList());
    }
}
