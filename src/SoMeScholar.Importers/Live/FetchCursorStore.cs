using System.Collections.Concurrent;
using System.Text.Json;

namespace SoMeScholar.Importers.Live;

/// <summary>
/// Where a harvest job stands: the cursor of the next page (an opaque Bluesky cursor or a Mastodon next-page URL),
/// the newest id seen (where the next incremental run starts), and whether the job reached its end.
/// </summary>
public sealed record FetchCheckpoint
{
    /// <summary>What to fetch next; null at the start and after the last page.</summary>
    public string? Cursor { get; init; }

    /// <summary>The newest item id seen by the job (Mastodon: the <c>min_id</c> of the next incremental run).</summary>
    public string? HighWaterMark { get; init; }

    public bool Completed { get; init; }

    public long Pages { get; init; }

    public long Records { get; init; }

    public DateTime UpdatedAt { get; init; }
}

/// <summary>
/// Persists harvest checkpoints by job key (e.g. <c>bluesky:searchPosts:tag=MedEd:since=2026-01-01</c>), so a
/// stopped fetch continues where it stopped. The archive implements it on its store; the clients save a checkpoint
/// only once the caller asks for the page after it, i.e. after the caller has stored the page's records.
/// </summary>
public interface IFetchCursorStore
{
    ValueTask<FetchCheckpoint?> LoadAsync(string jobKey, CancellationToken cancellationToken = default);

    ValueTask SaveAsync(string jobKey, FetchCheckpoint checkpoint, CancellationToken cancellationToken = default);

    ValueTask DeleteAsync(string jobKey, CancellationToken cancellationToken = default);
}

/// <summary>Checkpoints in memory (tests, one-off runs).</summary>
public sealed class InMemoryFetchCursorStore : IFetchCursorStore
{
    private readonly ConcurrentDictionary<string, FetchCheckpoint> _checkpoints = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, FetchCheckpoint> Checkpoints => _checkpoints;

    public ValueTask<FetchCheckpoint?> LoadAsync(string jobKey, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_checkpoints.TryGetValue(jobKey, out var checkpoint) ? checkpoint : null);

    public ValueTask SaveAsync(string jobKey, FetchCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        _checkpoints[jobKey] = checkpoint;
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(string jobKey, CancellationToken cancellationToken = default)
    {
        _checkpoints.TryRemove(jobKey, out _);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Checkpoints in one JSON file (the CLI without a database): the whole map is rewritten on each save through a
/// temporary file and an atomic rename, so a kill never leaves a half-written file.
/// </summary>
public sealed class JsonFileFetchCursorStore(string path) : IFetchCursorStore, IDisposable
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
    private readonly SemaphoreSlim _lock = new(1, 1);

    public string Path { get; } = path;

    public async ValueTask<FetchCheckpoint?> LoadAsync(string jobKey, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return (await ReadAllAsync(cancellationToken)).GetValueOrDefault(jobKey);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask SaveAsync(string jobKey, FetchCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var all = await ReadAllAsync(cancellationToken);
            all[jobKey] = checkpoint;
            await WriteAllAsync(all, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DeleteAsync(string jobKey, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var all = await ReadAllAsync(cancellationToken);
            if (all.Remove(jobKey))
            {
                await WriteAllAsync(all, cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    private async Task<Dictionary<string, FetchCheckpoint>> ReadAllAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return new Dictionary<string, FetchCheckpoint>(StringComparer.Ordinal);
        }

        await using var stream = File.OpenRead(Path);
        var all = await JsonSerializer.DeserializeAsync<Dictionary<string, FetchCheckpoint>>(stream, Options, cancellationToken);
        return all is null ? new(StringComparer.Ordinal) : new(all, StringComparer.Ordinal);
    }

    private async Task WriteAllAsync(Dictionary<string, FetchCheckpoint> all, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = Path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, all, Options, cancellationToken);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
