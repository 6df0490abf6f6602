using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Parser;

namespace SoMeScholar.Core.Resources;

/// <summary>Limits of the snapshot fetcher. Private and loopback addresses are refused unless allowed (tests serve pages on 127.0.0.1).</summary>
public sealed record SnapshotOptions
{
    public long MaxBytes { get; init; } = 2 * 1024 * 1024;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);
    public int MaxTextCharacters { get; init; } = 200_000;
    public bool AllowPrivateAddresses { get; init; }
    public string UserAgent { get; init; } = "SoMeScholar-snapshot/0.1 (+https://github.com/somescholar)";
}

/// <summary>What a fetch produced: the text and hash, or why there is none.</summary>
public sealed record SnapshotResult(bool Succeeded, int? HttpStatus, string? ContentType, long? Bytes, string? Sha256, string? Text, string? Error)
{
    public static SnapshotResult Failure(string error, int? status = null, string? contentType = null) => new(false, status, contentType, null, null, null, error);
}

/// <summary>
/// Fetches a resource's page over HTTP(S) and archives it: at most <see cref="SnapshotOptions.MaxBytes"/> bytes within
/// <see cref="SnapshotOptions.Timeout"/>, following up to five redirects; the SHA-256 of the body received; for HTML
/// (and XHTML) the visible text extracted with AngleSharp (scripts, styles and templates dropped, whitespace collapsed),
/// for other text/* types the text itself. Other content types, HTTP errors, oversize bodies, timeouts and refused
/// addresses give a failed result with the reason; nothing here throws for a bad page. Connections to loopback,
/// private, link-local and unspecified addresses are refused at connect time (so DNS tricks cannot reach them)
/// unless <see cref="SnapshotOptions.AllowPrivateAddresses"/> is set.
/// </summary>
public sealed class SnapshotFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly SnapshotOptions _options;

    public SnapshotFetcher(SnapshotOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1");
    }

    public async Task<SnapshotResult> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return SnapshotResult.Failure("the address is not an http(s) URL");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
            if (!response.IsSuccessStatusCode)
            {
                return SnapshotResult.Failure($"the server answered {status} {response.ReasonPhrase}", status, mediaType);
            }

            var isHtml = mediaType is "text/html" or "application/xhtml+xml";
            if (mediaType is null || (!isHtml && !mediaType.StartsWith("text/", StringComparison.Ordinal)))
            {
                return SnapshotResult.Failure($"the content type is {mediaType ?? "not given"}, not HTML or text, so no text snapshot was kept", status, mediaType);
            }

            if (response.Content.Headers.ContentLength is { } declared && declared > _options.MaxBytes)
            {
                return SnapshotResult.Failure($"the page is {declared:N0} bytes, over the limit of {_options.MaxBytes:N0}", status, mediaType);
            }

            var body = await ReadLimitedAsync(response, timeout.Token);
            if (body is null)
            {
                return SnapshotResult.Failure($"the page is over the limit of {_options.MaxBytes:N0} bytes", status, mediaType);
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(body));
            var encoding = EncodingOf(response.Content.Headers.ContentType?.CharSet);
            var raw = encoding.GetString(body);
            var text = isHtml ? await ExtractTextAsync(raw, timeout.Token) : Collapse(raw);
            if (text.Length > _options.MaxTextCharacters)
            {
                text = text[.._options.MaxTextCharacters];
            }

            return new SnapshotResult(true, status, mediaType, body.LongLength, hash, text, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SnapshotResult.Failure($"no complete answer within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return SnapshotResult.Failure("the page could not be fetched: " + (e.InnerException?.Message ?? e.Message));
        }
    }

    /// <summary>The visible text of an HTML document: body text without scripts, styles and templates, whitespace collapsed.</summary>
    public static async Task<string> ExtractTextAsync(string html, CancellationToken cancellationToken = default)
    {
        var parser = new HtmlParser();
        using var document = await parser.ParseDocumentAsync(html, cancellationToken);
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template, svg").ToArray())
        {
            element.Remove();
        }

        var title = document.Title?.Trim();
        var body = Collapse(document.Body?.TextContent ?? document.DocumentElement.TextContent);
        return string.IsNullOrEmpty(title) || body.StartsWith(title, StringComparison.Ordinal) ? body : title + "\n" + body;
    }

    private async Task<byte[]?> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => _options.AllowPrivateAddresses || !IsPrivate(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException(addresses.Length == 0 ? $"{context.DnsEndPoint.Host} has no address" : $"{context.DnsEndPoint.Host} is a private or loopback address, which snapshots do not fetch");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw new HttpRequestException($"could not connect to {context.DnsEndPoint.Host}", last);
    }

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT and unspecified addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }

    private static Encoding EncodingOf(string? charset)
    {
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim('"', ' '));
            }
            catch (ArgumentException)
            {
                // An unknown charset: read as UTF-8.
            }
        }

        return Encoding.UTF8;
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public void Dispose() => _client.Dispose();
}
