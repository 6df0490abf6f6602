using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SoMeScholar.Cli.Tests.Archive;

/// <summary>An HTTP server on 127.0.0.1 and a free port that answers the live clients with recorded or constructed payloads.</summary>
internal sealed class RecordedServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, (int Status, string Body, IReadOnlyDictionary<string, string> Headers)> _answer;
    private readonly Task _loop;

    public RecordedServer(Func<HttpListenerRequest, (int Status, string Body, IReadOnlyDictionary<string, string> Headers)> answer)
    {
        _answer = answer;
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Address { get; }

    public List<string> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopping the listener ends the loop.
        }
        catch (ObjectDisposedException)
        {
            // Likewise.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (Requests)
            {
                Requests.Add(context.Request.Url!.PathAndQuery);
            }

            var (status, body, headers) = _answer(context.Request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
