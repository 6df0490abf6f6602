using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Mentors;

/// <summary>
/// Keeps one built <see cref="MentorIndexSnapshot"/> per process (a singleton) so a recommendation costs a scoring pass,
/// not a rebuild. On each request it compares the mentor profiles' stamp (one small query): when a profile was added or
/// changed, the index is rebuilt before answering. The archive's stamp is compared at most every
/// <see cref="ArchiveCheckInterval"/>; when imports have added data, a rebuild starts in the background and the old
/// index keeps answering until the new one is ready.
/// </summary>
public sealed class MentorIndexProvider(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MentorIndexProvider> logger) : IDisposable
{
    public static readonly TimeSpan ArchiveCheckInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private MentorIndexSnapshot? _current;
    private DateTime _lastArchiveCheck;
    private Task? _background;

    /// <summary>The index as last built, without checking whether it is current (null before the first build).</summary>
    public MentorIndexSnapshot? Current => _current;

    public async Task<MentorIndexSnapshot> GetAsync(ScholarDb db, CancellationToken cancellationToken = default)
    {
        var profiles = await MentorIndexLoader.ProfileStampAsync(db, cancellationToken);
        var current = _current;
        if (current is null || current.Profiles != profiles)
        {
            return await RebuildAsync(db, profiles, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _lastArchiveCheck >= ArchiveCheckInterval && _background is null or { IsCompleted: true })
        {
            _lastArchiveCheck = now;
            if (await MentorIndexLoader.ArchiveStampAsync(db, cancellationToken) != current.Archive)
            {
                _background = Task.Run(RebuildInBackgroundAsync, CancellationToken.None);
            }
        }

        return current;
    }

    /// <summary>Builds the index now (administrators' "rebuild" and the CLI).</summary>
    public Task<MentorIndexSnapshot> RebuildAsync(ScholarDb db, CancellationToken cancellationToken = default) => RebuildAsync(db, null, cancellationToken);

    private async Task<MentorIndexSnapshot> RebuildAsync(ScholarDb db, ProfileStamp? expected, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have rebuilt it while this one waited.
            if (expected is { } stamp && _current is { } fresh && fresh.Profiles == stamp)
            {
                return fresh;
            }

            var snapshot = await MentorIndexLoader.LoadAsync(db, clock, cancellationToken);
            _current = snapshot;
            _lastArchiveCheck = clock.GetUtcNow().UtcDateTime;
            logger.LogInformation("Mentor index built in {Milliseconds} ms: {Mentors} mentors, {Accounts} accounts, {Follows} follows, {Terms} terms",
                (long)snapshot.BuildTime.TotalMilliseconds, snapshot.Index.MentorCount, snapshot.Index.AccountCount, snapshot.Index.FollowEdgeCount, snapshot.Index.TermCount);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RebuildInBackgroundAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RebuildAsync(scope.ServiceProvider.GetRequiredService<ScholarDb>(), null, CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(e, "Background rebuild of the mentor index failed; the previous index keeps answering");
        }
    }

    public void Dispose() => _gate.Dispose();
}
