using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Research;

public sealed record AuditEntry(
    int Sequence,
    DateTime At,
    string UserName,
    CodebookAction Action,
    long? CodeId,
    string Subject,
    string Summary,
    string Reason,
    string DetailsJson,
    string PreviousHash,
    string Hash);

/// <summary>Whether the hash chain of a study's audit trail is unbroken: every entry's hash matches its content and the previous entry.</summary>
public sealed record AuditVerification(bool Intact, int Entries, int? FirstBrokenSequence, string? Problem);

/// <summary>
/// The codebook audit trail: every change to codes and themes, with who, when, what and why. Entries are only ever
/// appended (the store's triggers refuse updates and deletes) and are chained by SHA-256, so an auditor can check
/// that nothing was removed or edited afterwards. Readable and exportable by every team member, auditors included.
/// </summary>
public sealed class AuditTrail(ScholarDb db, StudyAccess access)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    internal static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        return await EntriesAsync(studyId, cancellationToken);
    }

    /// <summary>The trail as CSV (RFC 4180): sequence, time, user, action, subject, summary, reason, details, hashes.</summary>
    public async Task<string> CsvAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        var entries = await ListAsync(actor, studyId, cancellationToken);
        var csv = new StringBuilder();
        Csv.Row(csv, "sequence", "at", "user", "action", "codeId", "subject", "summary", "reason", "details", "previousHash", "hash");
        foreach (var e in entries)
        {
            Csv.Row(csv, e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), e.UserName,
                e.Action.ToString(), e.CodeId?.ToString(CultureInfo.InvariantCulture) ?? "", e.Subject, e.Summary, e.Reason, e.DetailsJson, e.PreviousHash, e.Hash);
        }

        return csv.ToString();
    }

    public async Task<AuditVerification> VerifyAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var rows = await db.CodebookChanges.AsNoTracking().Where(c => c.StudyId == studyId).OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
        var previous = GenesisHash;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Sequence != i + 1)
            {
                return new AuditVerification(false, rows.Count, row.Sequence, $"entry {i + 1} is missing");
            }

            if (row.PreviousHash != previous)
            {
                return new AuditVerification(false, rows.Count, row.Sequence, "the link to the previous entry is broken");
            }

            if (HashOf(row) != row.Hash)
            {
                return new AuditVerification(false, rows.Count, row.Sequence, "the entry's content does not match its hash");
            }

            previous = row.Hash;
        }

        return new AuditVerification(true, rows.Count, null, null);
    }

    internal async Task<IReadOnlyList<AuditEntry>> EntriesAsync(long studyId, CancellationToken cancellationToken) =>
        await db.CodebookChanges.AsNoTracking()
            .Where(c => c.StudyId == studyId)
            .OrderBy(c => c.Sequence)
            .Select(c => new AuditEntry(c.Sequence, c.At, c.UserName, c.Action, c.CodeId, c.Subject, c.Summary, c.Reason, c.DetailsJson, c.PreviousHash, c.Hash))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Adds an entry to the context (saved with the change it records, in the same SaveChanges). Times are cut to
    /// whole microseconds, the precision both stores keep, so the hash verifies after a round trip.
    /// </summary>
    internal static async Task AppendAsync(ScholarDb db, long studyId, ResearchActor actor, DateTime at, CodebookAction action, long? codeId, string subject, string summary,
        object details, string reason, CancellationToken cancellationToken)
    {
        var pending = db.CodebookChanges.Local.Where(c => c.StudyId == studyId && c.Id == 0).OrderBy(c => c.Sequence).LastOrDefault();
        int lastSequence;
        string lastHash;
        if (pending is not null)
        {
            (lastSequence, lastHash) = (pending.Sequence, pending.Hash);
        }
        else
        {
            var stored = await db.CodebookChanges.AsNoTracking().Where(c => c.StudyId == studyId).OrderByDescending(c => c.Sequence)
                .Select(c => new { c.Sequence, c.Hash }).FirstOrDefaultAsync(cancellationToken);
            (lastSequence, lastHash) = stored is null ? (0, GenesisHash) : (stored.Sequence, stored.Hash);
        }

        var change = new CodebookChange
        {
            StudyId = studyId,
            Sequence = lastSequence + 1,
            At = new DateTime(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc),
            UserId = actor.UserId,
            UserName = actor.UserName,
            Action = action,
            CodeId = codeId,
            Subject = subject.Length > 512 ? subject[..512] : subject,
            Summary = summary,
            DetailsJson = JsonSerializer.Serialize(details, DetailsJson),
            Reason = reason,
            PreviousHash = lastHash,
            Hash = "",
        };
        change.Hash = HashOf(change);
        db.CodebookChanges.Add(change);
    }

    internal static string HashOf(CodebookChange c)
    {
        var content = string.Join('\u001f',
            c.StudyId.ToString(CultureInfo.InvariantCulture),
            c.Sequence.ToString(CultureInfo.InvariantCulture),
            c.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            c.UserId ?? "",
            c.UserName,
            c.Action.ToString(),
            c.CodeId?.ToString(CultureInfo.InvariantCulture) ?? "",
            c.Subject,
            c.Summary,
            c.DetailsJson,
            c.Reason,
            c.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}

/// <summary>RFC 4180 rows for the toolkit's CSV exports.</summary>
internal static class Csv
{
    public static void Row(StringBuilder csv, params string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Field(fields[i] ?? ""));
        }

        csv.Append("\r\n");
    }

    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Splits CSV text into rows of fields (quoted fields may hold commas, quotes and line breaks).</summary>
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
