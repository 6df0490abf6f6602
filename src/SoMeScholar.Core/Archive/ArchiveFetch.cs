using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;
using SoMeScholar.Importers.Live;

namespace SoMeScholar.Core.Archive;

/// <summary>Where a harvest stands: pages and records stored so far.</summary>
public sealed record FetchProgress(string JobKey, long Pages, long Records);

/// <summary>
/// Stores the pages of a live harvest (<see cref="BlueskyClient"/>, <see cref="MastodonClient"/>) in the archive as one
/// <see cref="ImportRun"/> per harvest: each page is one batch through <see cref="ArchiveWriter"/>. The clients keep
/// their cursors in <see cref="ArchiveFetchCursors"/> and save a page's cursor only after the page is stored, so a
/// stopped fetch run again continues at the page it stopped at (a page stored twice adds nothing), in the same run when
/// the stopped one did not complete.
/// </summary>
public sealed class ArchiveFetch(ScholarDb db, TimeProvider clock)
{
    public async Task<ImportRun> StoreAsync(string source, string format, Platform platform, IAsyncEnumerable<FetchPage> pages, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // A harvest that was stopped (killed, cancelled or failed) continues in its own run, as a file import does.
        var resume = await db.ImportRuns.AsNoTracking()
            .Where(r => r.Source == source && r.Format == format && r.Fingerprint == null && r.Status != ImportStatus.Completed)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        await using var writer = await ArchiveWriter.StartAsync(db, source, format, platform, null, clock, resume, cancellationToken);
        long count = 0, records = 0;
        try
        {
            await foreach (var page in pages.WithCancellation(cancellationToken))
            {
                await writer.WriteBatchAsync(page.Records, page.Checkpoint.Cursor, cancellationToken);
                count++;
                records += page.Records.Count;
                progress?.Report(new FetchProgress(page.JobKey, count, records));
            }

            await writer.CompleteAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await writer.FailAsync("stopped before the end; run the same fetch again to continue at the saved cursor", CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await writer.FailAsync(e.Message, CancellationToken.None);
            throw;
        }

        return writer.Run;
    }
}

/// <summary>The harvest cursors of <c>somescholar fetch</c>, kept in the store (table <c>fetch_cursors</c>).</summary>
public sealed class ArchiveFetchCursors(ScholarDb db, TimeProvider clock) : IFetchCursorStore
{
    public async ValueTask<FetchCheckpoint?> LoadAsync(string jobKey, CancellationToken cancellationToken = default)
    {
        var row = await db.FetchCursors.AsNoTracking().FirstOrDefaultAsync(c => c.JobKey == jobKey, cancellationToken);
        return row is null ? null : new FetchCheckpoint
        {
            Cursor = row.Cursor,
            HighWaterMark = row.HighWaterMark,
            Completed = row.Completed,
            Pages = row.Pages,
            Records = row.Records,
            UpdatedAt = row.UpdatedAt,
        };
    }

    public async ValueTask SaveAsync(string jobKey, FetchCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        var row = await db.FetchCursors.FirstOrDefaultAsync(c => c.JobKey == jobKey, cancellationToken);
        if (row is null)
        {
            row = new FetchCursor { JobKey = jobKey };
            db.FetchCursors.Add(row);
        }

        row.Cursor = checkpoint.Cursor;
        row.HighWaterMark = checkpoint.HighWaterMark;
        row.Completed = checkpoint.Completed;
        row.Pages = checkpoint.Pages;
        row.Records = checkpoint.Records;
        row.UpdatedAt = checkpoint.UpdatedAt == default ? clock.GetUtcNow().UtcDateTime : checkpoint.UpdatedAt;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async ValueTask DeleteAsync(string jobKey, CancellationToken cancellationToken = default) =>
        await db.FetchCursors.Where(c => c.JobKey == jobKey).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>Import history and quarantine, for <c>somescholar imports</c> and the archive section.</summary>
public sealed class ImportHistory(ScholarDb db)
{
    public async Task<IReadOnlyList<ImportRun>> RunsAsync(int count, CancellationToken cancellationToken = default) =>
        await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);

    public async Task<ImportRun?> RunAsync(long id, CancellationToken cancellationToken = default) =>
        await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public async Task<IReadOnlyList<QuarantinedRecord>> QuarantineAsync(long runId, int skip, int count, CancellationToken cancellationToken = default) =>
        await db.QuarantinedRecords.AsNoTracking().Where(q => q.ImportRunId == runId).OrderBy(q => q.Id).Skip(skip).Take(count).ToListAsync(cancellationToken);
}
