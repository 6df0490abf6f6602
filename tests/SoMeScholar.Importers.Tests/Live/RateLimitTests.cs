using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SoMeScholar.Importers.Live;

namespace SoMeScholar.Importers.Tests.Live;

public class RateLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retry_after_in_seconds_or_as_a_date_comes_first()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        seconds.Headers.TryAddWithoutValidation("RateLimit-Reset", (Now.ToUnixTimeSeconds() + 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromSeconds(7), RateLimitedHttp.ServerDelay(seconds, Now));

        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.TryAddWithoutValidation("Retry-After", Now.AddSeconds(42).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromSeconds(42), RateLimitedHttp.ServerDelay(date, Now));
    }

    [Theory]
    [InlineData("RateLimit-Reset", "1772366430", 30)]
    [InlineData("ratelimit-reset", "1772366460", 60)]
    [InlineData("RateLimit-Reset", "15", 15)]
    [InlineData("X-RateLimit-Reset", "2026-03-01T12:05:00.000Z", 300)]
    [InlineData("x-rate-limit-reset", "1772366410", 10)]
    public void Reset_headers_in_epoch_seconds_delays_or_ISO_times_give_the_wait(string header, string value, int seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation(header, value);

        Assert.Equal(TimeSpan.FromSeconds(seconds), RateLimitedHttp.ServerDelay(response, Now));
    }

    [Fact]
    public void A_response_without_reset_headers_leaves_the_wait_to_backoff()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(RateLimitedHttp.ServerDelay(response, Now));
    }

    [Fact]
    public void Link_headers_are_parsed_as_RFC_8288_with_several_links_and_relations()
    {
        var header = "<https://med.example/api/v1/accounts/14715/followers?limit=2&max_id=7486869>; rel=\"next\", <https://med.example/api/v1/accounts/14715/followers?limit=2&since_id=7489740>; rel=\"prev\"";
        var baseUrl = new Uri("https://med.example/api/v1/accounts/14715/followers");

        Assert.Equal("https://med.example/api/v1/accounts/14715/followers?limit=2&max_id=7486869", LinkHeader.Find(header, "next", baseUrl)!.ToString());
        Assert.Equal("https://med.example/api/v1/accounts/14715/followers?limit=2&since_id=7489740", LinkHeader.Find(header, "prev", baseUrl)!.ToString());
        Assert.Equal("https://med.example/page/3", LinkHeader.Find("</page/3>; rel=\"last next\"; title=\"a, b\"", "next", baseUrl)!.ToString());
        Assert.Null(LinkHeader.Find(header, "last", baseUrl));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_server_named_wait_and_5xx_after_backoff()
    {
        var calls = 0;
        await using var server = await LocalServer.StartAsync((app, _) => app.MapGet("/x", (HttpContext context) =>
        {
            calls++;
            if (calls == 1)
            {
                context.Response.Headers["Retry-After"] = "3";
                return Results.StatusCode(429);
            }

            if (calls == 2)
            {
                return Results.StatusCode(502);
            }

            return Results.Text("ok");
        }));
        var waits = new List<TimeSpan>();
        using var client = new HttpClient();
        using var http = new RateLimitedHttp(client, new HttpFetchOptions { Jitter = 0, BaseDelay = TimeSpan.FromSeconds(1), Delay = (wait, _) => { waits.Add(wait); return Task.CompletedTask; } });

        using var response = await http.GetAsync(new Uri(server.Address, "x"));

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2)], waits);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task An_exhausted_quota_makes_the_next_request_wait_for_the_reset()
    {
        var time = new FixedTime(Now);
        await using var server = await LocalServer.StartAsync((app, _) => app.MapGet("/x", (HttpContext context) =>
        {
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = "2026-03-01T12:01:00Z";
            return Results.Text("ok");
        }));
        var waits = new List<TimeSpan>();
        using var client = new HttpClient();
        using var http = new RateLimitedHttp(client, new HttpFetchOptions { Jitter = 0, Time = time, Delay = (wait, _) => { waits.Add(wait); return Task.CompletedTask; } });

        (await http.GetAsync(new Uri(server.Address, "x"))).Dispose();
        Assert.Empty(waits);
        (await http.GetAsync(new Uri(server.Address, "x"))).Dispose();

        Assert.Equal([TimeSpan.FromMinutes(1)], waits);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_names_the_status()
    {
        await using var server = await LocalServer.StartAsync((app, _) => app.MapGet("/x", () => Results.NotFound("{\"error\":\"Record not found\"}")));
        using var client = new HttpClient();
        using var http = new RateLimitedHttp(client, new HttpFetchOptions { Delay = (_, _) => Task.CompletedTask });

        var failure = await Assert.ThrowsAsync<FetchFailedException>(() => http.GetAsync(new Uri(server.Address, "x")));

        Assert.Equal(HttpStatusCode.NotFound, failure.Status);
        Assert.Contains("Record not found", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Requests_to_one_host_never_exceed_the_concurrency_cap()
    {
        var current = 0;
        var peak = 0;
        var gate = new object();
        await using var server = await LocalServer.StartAsync((app, _) => app.MapGet("/x", async () =>
        {
            lock (gate)
            {
                current++;
                peak = Math.Max(peak, current);
            }

            await Task.Delay(30);
            lock (gate)
            {
                current--;
            }

            return Results.Text("ok");
        }));
        using var client = new HttpClient();
        using var http = new RateLimitedHttp(client, new HttpFetchOptions { MaxConcurrencyPerHost = 2 });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (await http.GetAsync(new Uri(server.Address, "x"))).Dispose()));

        Assert.InRange(peak, 1, 2);
        Assert.Equal(8, server.Requests.Count);
    }

    [Fact]
    public async Task The_JSON_file_cursor_store_keeps_checkpoints_across_instances()
    {
        var path = Path.Combine(Path.GetTempPath(), $"somescholar-cursors-{Guid.NewGuid():N}.json");
        try
        {
            using (var store = new JsonFileFetchCursorStore(path))
            {
                await store.SaveAsync("job-a", new FetchCheckpoint { Cursor = "c1", Pages = 1, UpdatedAt = Now.UtcDateTime });
                await store.SaveAsync("job-b", new FetchCheckpoint { HighWaterMark = "99", Completed = true });
                await store.DeleteAsync("job-b");
            }

            using var reopened = new JsonFileFetchCursorStore(path);
            Assert.Equal("c1", (await reopened.LoadAsync("job-a"))!.Cursor);
            Assert.Null(await reopened.LoadAsync("job-b"));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
