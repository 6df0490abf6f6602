using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;
using SoMeScholar.Importers.Detection;

namespace SoMeScholar.Core.Archive;

/// <summary>Where an import stands: the file being read, records read so far, and bytes read of the file's size.</summary>
public sealed record ImportProgress(string File, int FileNumber, int Files, long Records, long Bytes, long TotalBytes);

/// <summary>The runs an import made or resumed (one per file), and the files a folder plan skipped.</summary>
public sealed record ImportOutcome(IReadOnlyList<ImportRun> Runs, IReadOnlyList<SkippedFile> Skipped)
{
    public long Total(Func<ImportRun, long> count) => Runs.Sum(count);
}

/// <summary>
/// Runs an <see cref="ImportPlan"/> (a file or a folder, formats detected or chosen) into the archive: one
/// <see cref="ImportRun"/> per file, records in batches through <see cref="ArchiveWriter"/>, each batch committed with
/// the reader checkpoint after its last record. A file whose previous run did not complete (same path, same content
/// fingerprint, same format) resumes from that run's checkpoint, so an import killed at any point and run again ends in
/// the state of an uninterrupted import. Parsing runs on its own thread, one batch ahead of the writer.
/// </summary>
public sealed class ArchiveImport(ScholarDb db, TimeProvider clock)
{
    public const int DefaultBatchSize = 5_000;

    public int BatchSize { get; init; } = DefaultBatchSize;

    public async Task<ImportOutcome> ImportAsync(ImportPlan plan, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var runs = new List<ImportRun>();
        for (var i = 0; i < plan.Items.Count; i++)
        {
            runs.Add(await ImportFileAsync(plan.Items[i], i + 1, plan.Items.Count, progress, cancellationToken));
        }

        return new ImportOutcome(runs, plan.Skipped);
    }

    private async Task<ImportRun> ImportFileAsync(ImportPlanItem item, int number, int files, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(item.Path);
        var fingerprint = item.Fingerprint();
        var totalBytes = new FileInfo(source).Length;
        var resume = await db.ImportRuns.AsNoTracking()
            .Where(r => r.Source == source && r.Fingerprint == fingerprint && r.Format == item.Format && r.Status != ImportStatus.Completed)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        ReadCheckpoint? from = resume is not null && ReadCheckpoint.TryParse(resume.Checkpoint, out var checkpoint) ? checkpoint : null;

        await using var writer = await ArchiveWriter.StartAsync(db, source, item.Format, item.Platform, fingerprint, clock, resume, cancellationToken);
        var records = resume?.Records ?? 0;
        progress?.Report(new ImportProgress(source, number, files, records, from?.Offset ?? 0, totalBytes));
        var channel = Channel.CreateBounded<(List<ImportRecord> Batch, string Checkpoint, long Offset)>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => ReadAsync(item, from, channel.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var (batch, next, offset) in channel.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.WriteBatchAsync(batch, next, cancellationToken);
                records += batch.Count;
                progress?.Report(new ImportProgress(source, number, files, records, offset, totalBytes));
            }

            await reader;
            await writer.CompleteAsync(cancellationToken);
            progress?.Report(new ImportProgress(source, number, files, records, totalBytes, totalBytes));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stop.CancelAsync();
            await writer.FailAsync(e.Message, CancellationToken.None);
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
                // The reader stops with the import.
            }
        }

        return writer.Run;
    }

    private async Task ReadAsync(ImportPlanItem item, ReadCheckpoint? from, ChannelWriter<(List<ImportRecord>, string, long)> output, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<ImportRecord>(BatchSize);
            foreach (var record in item.Read(from))
            {
                batch.Add(record);
                if (batch.Count >= BatchSize)
                {
                    await output.WriteAsync((batch, ReadCheckpoint.After(record).ToString(), record.Position.ByteOffset ?? 0), cancellationToken);
                    batch = new List<ImportRecord>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                var last = batch[^1];
                await output.WriteAsync((batch, ReadCheckpoint.After(last).ToString(), last.Position.ByteOffset ?? 0), cancellationToken);
            }

            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }
}
