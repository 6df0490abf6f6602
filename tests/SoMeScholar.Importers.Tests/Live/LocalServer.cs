using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SoMeScholar.Importers.Tests.Live;

/// <summary>A Kestrel app on 127.0.0.1 and a free port, serving recorded or constructed responses to the live clients.</summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public List<string> Requests { get; } = [];

    public static async Task<LocalServer> StartAsync(Action<WebApplication, LocalServer> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        LocalServer? server = null;
        app.Use(async (context, next) =>
        {
            lock (server!.Requests)
            {
                server.Requests.Add(context.Request.Path + context.Request.QueryString);
            }

            await next(context);
        });
        var placeholder = new LocalServer(app, new Uri("http://127.0.0.1/"));
        server = placeholder;
        map(app, placeholder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var started = new LocalServer(app, new Uri(address.TrimEnd('/') + "/"));
        server = started;
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A clock that stands still at a chosen moment.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
