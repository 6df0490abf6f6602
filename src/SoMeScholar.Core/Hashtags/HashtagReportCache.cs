namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// Keeps recent reports for a short time (<see cref="Lifetime"/>) so the page, its CSV tables and its PDF, asked for
/// one after the other, compute the report once; concurrent identical requests wait for the same computation.
/// A report may therefore lag the archive by up to <see cref="Lifetime"/>; writes made through this capability (the
/// live wall, event changes) clear it at once. A failed computation is not kept.
/// </summary>
public sealed class HashtagReportCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private const int Capacity = 64;

    private readonly Dictionary<string, (DateTime At, Task<object> Value)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> compute)
        where T : class
    {
        Task<object> task;
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry) || now - entry.At > Lifetime || entry.Value.IsFaulted || entry.Value.IsCanceled)
            {
                if (_entries.Count >= Capacity)
                {
                    foreach (var stale in _entries.OrderBy(e => e.Value.At).Take(_entries.Count - Capacity + 1).Select(e => e.Key).ToList())
                    {
                        _entries.Remove(stale);
                    }
                }

                entry = (now, Box(compute));
                _entries[key] = entry;
            }

            task = entry.Value;
        }

        try
        {
            return (T)await task;
        }
        catch
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var entry) && entry.Value == task)
                {
                    _entries.Remove(key);
                }
            }

            throw;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    private static async Task<object> Box<T>(Func<Task<T>> compute)
        where T : class => await compute();
}
