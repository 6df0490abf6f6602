using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace SoMeScholar.Importers.Live;

/// <summary>How the clients treat the networks' rate limits and failures.</summary>
public sealed record HttpFetchOptions
{
    /// <summary>Requests in flight at once per host.</summary>
    public int MaxConcurrencyPerHost { get; init; } = 2;

    /// <summary>Attempts per request (the first included) before giving up.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>First backoff when the server gives no reset time; doubled per attempt.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait (reset headers far in the future are capped).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(16);

    /// <summary>Random extra wait, as a fraction of the wait (spreads clients that were limited together).</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Seed of the jitter.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>When a response says this many requests or fewer remain, the next request waits for the reset.</summary>
    public int WaitWhenRemainingAtMost { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Told before each wait, with the address, the reason and the wait (the CLI prints it, so a long wait says where).</summary>
    public Action<FetchWait>? OnWait { get; init; }

    /// <summary>How waiting is done; tests replace it to record waits instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }

    public string UserAgent { get; init; } = "SoMeScholar/0.1 (+https://github.com/somescholar)";
}

/// <summary>A wait before a request: after a 429/5xx or network error (<paramref name="Attempt"/> of <paramref name="MaxAttempts"/>), or for an exhausted quota's reset.</summary>
public sealed record FetchWait(Uri Url, string Reason, TimeSpan Wait, int Attempt, int MaxAttempts);

/// <summary>A request that failed for good: a status the client does not retry, or too many attempts.</summary>
public sealed class FetchFailedException : Exception
{
    public FetchFailedException()
    {
    }

    public FetchFailedException(string message)
        : base(message)
    {
    }

    public FetchFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public FetchFailedException(Uri url, HttpStatusCode? status, string message, Exception? inner = null)
        : base(message, inner)
    {
        Url = url;
        Status = status;
    }

    public Uri? Url { get; }

    public HttpStatusCode? Status { get; }
}

/// <summary>
/// GET with the networks' rules: at most <see cref="HttpFetchOptions.MaxConcurrencyPerHost"/> requests per host; on 429
/// and 503 wait for <c>Retry-After</c> (seconds or an HTTP date), else <c>RateLimit-Reset</c> (Unix seconds, or a
/// delay when small), else <c>X-RateLimit-Reset</c> / <c>x-rate-limit-reset</c> (Unix seconds, or an ISO 8601 time as
/// Mastodon sends); other 5xx and network errors back off exponentially; every wait gets jitter. A response whose
/// remaining quota is exhausted makes the next request to that host wait for the reset.
/// </summary>
public sealed class RateLimitedHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpFetchOptions _options;
    private readonly Dictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.OrdinalIgnoreCase);
    private readonly Random _random;
    private readonly Lock _gate = new();

    public RateLimitedHttp(HttpClient http, HttpFetchOptions? options = null)
    {
        _http = http;
        _options = options ?? new HttpFetchOptions();
        _random = new Random(_options.Seed);
    }

    public HttpFetchOptions Options => _options;

    /// <summary>Waits the client made, in order (for logs and tests).</summary>
    public List<TimeSpan> Waits { get; } = [];

    /// <summary>
    /// Fetches <paramref name="url"/> and returns the successful response with its body buffered. Non-retried errors
    /// (4xx other than 408/429) and exhausted retries throw <see cref="FetchFailedException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> GetAsync(Uri url, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        var host = url.Authority;
        var semaphore = HostSemaphore(host);
        await semaphore.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await WaitIfBlocked(url, cancellationToken);
                HttpResponseMessage? response = null;
                Exception? failure = null;
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.UserAgent.ParseAdd(_options.UserAgent);
                configure?.Invoke(request);
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                }
                catch (HttpRequestException exception)
                {
                    failure = exception;
                }
                catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = exception;
                }
                catch (IOException exception)
                {
                    failure = exception;
                }

                if (response is not null)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        NoteRemaining(host, response);
                        return response;
                    }

                    var status = response.StatusCode;
                    if (!IsRetried(status))
                    {
                        var body = await SafeBody(response, cancellationToken);
                        response.Dispose();
                        throw new FetchFailedException(url, status, $"GET {url} failed with {(int)status} {status}: {body}");
                    }

                    var wait = ServerDelay(response, _options.Time.GetUtcNow()) ?? Backoff(attempt);
                    response.Dispose();
                    if (attempt >= _options.MaxAttempts)
                    {
                        throw new FetchFailedException(url, status, $"GET {url} still failed with {(int)status} after {attempt} attempts");
                    }

                    var delay = WithJitter(wait);
                    _options.OnWait?.Invoke(new FetchWait(url, $"{(int)status} {status}", delay, attempt, _options.MaxAttempts));
                    await Sleep(delay, cancellationToken);
                    continue;
                }

                if (attempt >= _options.MaxAttempts)
                {
                    throw new FetchFailedException(url, null, $"GET {url} failed after {attempt} attempts: {failure!.Message}", failure);
                }

                var backoff = WithJitter(Backoff(attempt));
                _options.OnWait?.Invoke(new FetchWait(url, failure!.Message, backoff, attempt, _options.MaxAttempts));
                await Sleep(backoff, cancellationToken);
            }
        }
        finally
        {
            semaphore.Release();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var semaphore in _hosts.Values)
            {
                semaphore.Dispose();
            }

            _hosts.Clear();
        }
    }

    private static bool IsRetried(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static async Task<string> SafeBody(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.Length > 300 ? body[..300] + "…" : body;
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private SemaphoreSlim HostSemaphore(string host)
    {
        lock (_gate)
        {
            if (!_hosts.TryGetValue(host, out var semaphore))
            {
                semaphore = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrencyPerHost));
                _hosts[host] = semaphore;
            }

            return semaphore;
        }
    }

    private async Task WaitIfBlocked(Uri url, CancellationToken cancellationToken)
    {
        var host = url.Authority;
        DateTimeOffset until;
        lock (_gate)
        {
            if (!_blockedUntil.Remove(host, out until))
            {
                return;
            }
        }

        var wait = until - _options.Time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            var delay = WithJitter(Min(wait, _options.MaxDelay));
            _options.OnWait?.Invoke(new FetchWait(url, "no requests left until the rate limit resets", delay, 0, _options.MaxAttempts));
            await Sleep(delay, cancellationToken);
        }
    }

    private void NoteRemaining(string host, HttpResponseMessage response)
    {
        var remaining = Header(response, "RateLimit-Remaining") ?? Header(response, "X-RateLimit-Remaining") ?? Header(response, "x-rate-limit-remaining");
        if (remaining is null || !long.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left) || left > _options.WaitWhenRemainingAtMost)
        {
            return;
        }

        var now = _options.Time.GetUtcNow();
        if (ResetTime(response, now) is { } reset && reset > now)
        {
            lock (_gate)
            {
                _blockedUntil[host] = reset;
            }
        }
    }

    /// <summary>The wait a 429/503 response asks for, from its headers (null when it names none).</summary>
    public static TimeSpan? ServerDelay(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        return ResetTime(response, now) is { } reset ? (reset > now ? reset - now : TimeSpan.Zero) : null;
    }

    /// <summary>When the quota resets: <c>RateLimit-Reset</c>, then <c>X-RateLimit-Reset</c> / <c>x-rate-limit-reset</c>.</summary>
    public static DateTimeOffset? ResetTime(HttpResponseMessage response, DateTimeOffset now)
    {
        foreach (var name in new[] { "RateLimit-Reset", "X-RateLimit-Reset", "x-rate-limit-reset" })
        {
            if (Header(response, name) is { } value && ParseReset(value, now) is { } reset)
            {
                return reset;
            }
        }

        return null;
    }

    /// <summary>
    /// A reset value: Unix epoch seconds (a number of 10⁹ or more), a delay in seconds (a smaller number, as the IETF
    /// RateLimit header fields define it), or an ISO 8601 / HTTP date.
    /// </summary>
    public static DateTimeOffset? ParseReset(string value, DateTimeOffset now)
    {
        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000)) : now + TimeSpan.FromSeconds(Math.Max(0, number));
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var when))
        {
            return when;
        }

        return null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 20));
        return Min(TimeSpan.FromTicks((long)(_options.BaseDelay.Ticks * factor)), _options.MaxDelay);
    }

    private TimeSpan WithJitter(TimeSpan wait)
    {
        double share;
        lock (_gate)
        {
            share = _random.NextDouble();
        }

        return Min(wait + TimeSpan.FromTicks((long)(wait.Ticks * _options.Jitter * share)), _options.MaxDelay + TimeSpan.FromTicks((long)(_options.MaxDelay.Ticks * _options.Jitter)));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task Sleep(TimeSpan wait, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Waits.Add(wait);
        }

        if (_options.Delay is { } delay)
        {
            await delay(wait, cancellationToken);
        }
        else
        {
            await Task.Delay(wait, _options.Time, cancellationToken);
        }
    }

    /// <summary>Adds a bearer token to a request (for <see cref="GetAsync"/>'s <c>configure</c>).</summary>
    public static Action<HttpRequestMessage>? Bearer(string? token) =>
        string.IsNullOrEmpty(token) ? null : request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
}

/// <summary>RFC 8288 <c>Link</c> headers: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="prev"</c>.</summary>
public static class LinkHeader
{
    /// <summary>The target of the first link whose <c>rel</c> includes <paramref name="relation"/>, resolved against <paramref name="baseUrl"/>.</summary>
    public static Uri? Find(HttpResponseMessage response, string relation, Uri baseUrl)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (Find(value, relation, baseUrl) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    public static Uri? Find(string header, string relation, Uri baseUrl)
    {
        foreach (var (target, parameters) in Parse(header))
        {
            if (parameters.TryGetValue("rel", out var rel) && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals(relation, StringComparison.OrdinalIgnoreCase))
                && Uri.TryCreate(baseUrl, target, out var resolved))
            {
                return resolved;
            }
        }

        return null;
    }

    /// <summary>Every link of a header value: its target and its parameters (names lower-cased, quotes removed).</summary>
    public static IEnumerable<(string Target, Dictionary<string, string> Parameters)> Parse(string header)
    {
        var i = 0;
        while (i < header.Length)
        {
            var open = header.IndexOf('<', i);
            if (open < 0)
            {
                yield break;
            }

            var close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                yield break;
            }

            var target = header[(open + 1)..close].Trim();
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            i = close + 1;
            while (i < header.Length)
            {
                while (i < header.Length && header[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i >= header.Length || header[i] == ',')
                {
                    i++;
                    break;
                }

                if (header[i] != ';')
                {
                    i++;
                    continue;
                }

                i++;
                var nameStart = i;
                while (i < header.Length && header[i] is not ('=' or ';' or ','))
                {
                    i++;
                }

                var name = header[nameStart..i].Trim().ToLowerInvariant();
                var value = "";
                if (i < header.Length && header[i] == '=')
                {
                    i++;
                    while (i < header.Length && header[i] == ' ')
                    {
                        i++;
                    }

                    if (i < header.Length && header[i] == '"')
                    {
                        var end = header.IndexOf('"', i + 1);
                        end = end < 0 ? header.Length : end;
                        value = header[(i + 1)..end];
                        i = Math.Min(header.Length, end + 1);
                    }
                    else
                    {
                        var valueStart = i;
                        while (i < header.Length && header[i] is not (';' or ','))
                        {
                            i++;
                        }

                        value = header[valueStart..i].Trim();
                    }
                }

                if (name.Length > 0)
                {
                    parameters.TryAdd(name, value);
                }
            }

            yield return (target, parameters);
        }
    }
}
