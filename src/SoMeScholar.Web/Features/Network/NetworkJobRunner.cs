using SoMeScholar.Core.Network;

namespace SoMeScholar.Web.Features.Network;

/// <summary>
/// Runs queued network analyses in the background, one at a time (a long exact betweenness must not take every core from
/// the web server), with live progress in <see cref="NetworkJobs"/>. At start it queues again the jobs a previous run
/// left queued or running.
/// </summary>
public sealed class NetworkJobRunner(IServiceScopeFactory scopes, NetworkJobs jobs, ILogger<NetworkJobRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            foreach (var id in await scope.ServiceProvider.GetRequiredService<NetworkAnalyses>().PendingAsync(stoppingToken))
            {
                jobs.Enqueue(id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not list pending network analyses; new ones will still run.");
        }

        try
        {
            await foreach (var id in jobs.ReadAllAsync(stoppingToken))
            {
                await RunAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a running job stays marked running and is queued again at the next start.
        }
    }

    private async Task RunAsync(long id, CancellationToken stoppingToken)
    {
        var (token, progress) = jobs.Start(id);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, stoppingToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NetworkAnalyses>().ExecuteAsync(id, progress, maxThreads: Math.Max(1, Environment.ProcessorCount - 1), linked.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Network analysis {Id} cancelled.", id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Network analysis {Id} failed.", id);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NetworkAnalyses>().MarkFailedAsync(id, "Failed: " + e.Message);
        }
        finally
        {
            jobs.Finish(id);
        }
    }
}
