using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;
using SoMeScholar.Web;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Browser.Tests;

/// <summary>
/// The real web host listening on a free loopback port over its own store, and a headless Chromium to drive it.
/// Shared by the tests of one class (building the demo community takes seconds, not milliseconds).
/// </summary>
public class LiveServer : IAsyncLifetime
{
    private TestStore? _store;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>Whether to build the demo community before serving.</summary>
    protected virtual bool WithDemo => true;

    /// <summary>Extra host configuration a subclass needs (e.g. raised rate limits when many people sign in from 127.0.0.1).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        _app = ScholarWebApp.Build(["--urls", "http://127.0.0.1:0", "--contentRoot", WebProjectFolder()], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [ScholarConfiguration.ConnectionStringKey] = _store.Location.ConnectionString,
                [ScholarConfiguration.DemoEnabledKey] = WithDemo ? "true" : "false",
            });
            builder.Configuration.AddInMemoryCollection(Settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await _app.Services.GetRequiredService<StartupTasks>().RunAsync(CancellationToken.None);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // As root in CI Chromium needs --no-sandbox; the rest keep it off this machine's closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task<(string UserName, string Password)> AddUserAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        var password = UserAdministration.GeneratePassword();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(name, null, role, password, displayName: $"Test {role}");
        return (name, password);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Screenshots go to artifacts/browser-screenshots so a person can look at what the test saw.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "browser-screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("SOMESCHOLAR_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path) ? path : throw new InvalidOperationException($"Chromium not found at {path}: install Debian's chromium package (./test.sh does) or set SOMESCHOLAR_CHROMIUM.");
    }

    private static string WebProjectFolder() => Path.Combine(RepositoryRoot(), "src", "SoMeScholar.Web");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SoMeScholar.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (SoMeScholar.slnx) above " + AppContext.BaseDirectory);
    }
}
