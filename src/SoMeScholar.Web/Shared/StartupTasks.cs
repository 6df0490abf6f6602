using System.Diagnostics;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Shared;

/// <summary>
/// What happens once before the web app serves: migrate the store, create the roles, create the first administrator
/// (printing its one-time password), and on an empty store build the demo community unless --no-demo was given.
/// </summary>
public sealed class StartupTasks(IServiceScopeFactory scopes, DemoSettings demo, StoreLocation store, ILogger<StartupTasks> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var applied = await services.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
        logger.LogInformation("Store: {Store}; {Count} migration(s) applied", store.Describe(), applied.Count);

        var password = await services.GetRequiredService<UserAdministration>().EnsureFirstAdministratorAsync();
        if (password is not null)
        {
            // Printed once, to the console of whoever started the server: the only place the password ever appears.
            Console.WriteLine();
            Console.WriteLine("  First start: created the administrator account.");
            Console.WriteLine("    user name: admin");
            Console.WriteLine($"    one-time password: {password}");
            Console.WriteLine("  Sign in at /Account/Login; you will be asked to choose a new password.");
            Console.WriteLine();
        }

        if (demo.Enabled)
        {
            var community = services.GetRequiredService<DemoCommunity>();
            if (await community.IsStoreEmptyAsync(cancellationToken))
            {
                Console.WriteLine("  The archive is empty: building the demo community (synthetic data, seed " + demo.Seed + ")...");
                var watch = Stopwatch.StartNew();
                var summary = await community.BuildAsync(demo.Seed, progress: null, cancellationToken);
                Console.WriteLine($"  Demo community ready in {watch.Elapsed.TotalSeconds:F1} s: {summary}. Start with --no-demo to keep the store empty.");
            }
        }
    }
}

/// <summary>/health: the store answers a trivial query.</summary>
public sealed class StoreHealthCheck(IServiceScopeFactory scopes) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"{db.Provider} store reachable")
                : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("store unreachable");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("store unreachable", e);
        }
    }
}
