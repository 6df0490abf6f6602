using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Users;
using SoMeScholar.Testing;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Tests;

/// <summary>
/// The real web host in process, over its own migrated store (SQLite by default), with the demo switched off unless a
/// test asks for it. WebApplicationFactory stops Program at Build(), so the start-up tasks run here instead.
/// </summary>
public sealed class ScholarWebFactory : WebApplicationFactory<Program>
{
    private readonly TestStore _store;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private ScholarWebFactory(TestStore store, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _store = store;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    public TestStore Store => _store;

    /// <param name="provider">The store's provider.</param>
    /// <param name="settings">Configuration that replaces the test defaults (e.g. "RateLimits:Multiplier" = "1").</param>
    public static async Task<ScholarWebFactory> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var store = await TestStore.CreateAsync(provider);
        var factory = new ScholarWebFactory(store, settings);
        await factory.Services.GetRequiredService<StartupTasks>().RunAsync(CancellationToken.None);
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(ScholarConfiguration.ConnectionStringKey, _store.Location.ConnectionString);
        builder.UseSetting(ScholarConfiguration.DemoEnabledKey, "false");
        // Many sign-ins from one loopback address in one test: raise the limits (a dedicated test checks them).
        builder.UseSetting("RateLimits:Multiplier", "10");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Creates a user with a known password and the given role.</summary>
    public async Task<(string UserName, string Password)> AddUserAsync(string role, string? userName = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var name = userName ?? $"{role}-{Guid.NewGuid():N}"[..20];
        var password = UserAdministration.GeneratePassword();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(name, null, role, password);
        return (name, password);
    }

    /// <summary>A client that does not follow redirects, so tests see 302s to the sign-in page for what they are.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real form (with its antiforgery token) and returns the signed-in client.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role)
    {
        var (name, password) = await AddUserAsync(role);
        var client = Client();
        var response = await SignInAsync(client, name, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
    }

    public static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("No antiforgery token in the page.");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }
}
