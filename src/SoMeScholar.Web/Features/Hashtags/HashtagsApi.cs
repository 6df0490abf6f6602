using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.HttpResults;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Hashtags;

/// <summary>
/// Hashtag reports (JSON, CSV per table, PDF), event reports, and the live wall's streams (server-sent events).
/// Reports and the public wall are open like the archive pages; the moderation stream needs a moderator.
/// </summary>
public static class HashtagsApi
{
    public static IEndpointRouteBuilder MapHashtagsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/hashtags").WithTags("Hashtags").AllowAnonymous();
        group.MapGet("/report", GetReport).WithSummary("Hashtag report: posts, replies, quotes, reposts, participants, active, passive, impressions, likers, timeline and top lists, against the preceding window.");
        group.MapGet("/report.csv", GetReportCsv).WithSummary("One table of a hashtag report as CSV (table=figures|changes|hours|days|top-posters|top-mentioned|top-impressions|links|sites|hashtags|languages).");
        group.MapGet("/report.pdf", GetReportPdf).WithSummary("A hashtag report as PDF (rendered from the print page by headless Chromium).");
        group.MapGet("/events", GetEvents).WithSummary("Conference events.");
        group.MapGet("/events/{slug}/report", GetEventReport).WithSummary("Conference report: before/during/after, sessions, most discussed sessions, and the report of the event's days.");
        group.MapGet("/events/{slug}/report.csv", GetEventReportCsv).WithSummary("One table of a conference report as CSV (table=split|sessions|most-discussed or any hashtag report table).");
        group.MapGet("/events/{slug}/report.pdf", GetEventReportPdf).WithSummary("A conference report as PDF.");
        group.MapGet("/events/{slug}/wall", GetWall).WithSummary("The posts on the event's live wall now, and the sequence to stream from.");
        group.MapGet("/events/{slug}/wall/stream", StreamWall).WithSummary("Server-sent events of the wall: each change of a post on the wall (id = sequence; resume with Last-Event-ID).");

        var moderation = app.MapGroup("/api/hashtags/moderation").WithTags("Hashtags").RequireAuthorization(Policies.Moderator);
        moderation.MapGet("/events/{slug}/stream", StreamModeration).WithSummary("Server-sent events for the moderation console: every arriving post with its status and reason.");
        moderation.MapGet("/events/{slug}/queue", GetQueue).WithSummary("Posts waiting for a moderator, oldest first.");
        moderation.MapPost("/events/{slug}/posts/{wallPostId:long}/decision", Decide).WithSummary("Approve, hide, pin or unpin a post on the wall (logged with the moderator's name and the time).");
        return app;
    }

    /// <summary>The query string that reproduces a report (tags, from, to, tz).</summary>
    public static string QueryString(HashtagQuery query) =>
        $"tags={Uri.EscapeDataString(string.Join(' ', query.Tags))}&from={Uri.EscapeDataString(HashtagQuery.Iso(query.From))}&to={Uri.EscapeDataString(HashtagQuery.Iso(query.To))}&tz={Uri.EscapeDataString(query.TimeZone)}";

    public static async Task<Results<Ok<HashtagReport>, ProblemHttpResult>> GetReport(HashtagAnalytics analytics, string? tags, string? from, string? to, string? tz, int? top, CancellationToken cancellationToken)
    {
        var query = Query(tags, from, to, tz, top, out var problem);
        return query is null ? problem! : TypedResults.Ok(await analytics.ReportAsync(query, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetReportCsv(HashtagAnalytics analytics, string? tags, string? from, string? to, string? tz, int? top, string? table, CancellationToken cancellationToken)
    {
        var query = Query(tags, from, to, tz, top, out var problem);
        if (query is null)
        {
            return problem!;
        }

        var report = await analytics.ReportAsync(query, cancellationToken);
        return ReportTables.Hashtag(report, table ?? "figures") is { } csv
            ? Csv(csv, $"hashtags-{string.Join('-', query.Tags)}-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}")
            : BadTable(table, ReportTables.HashtagTableNames);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetReportPdf(IServer server, IConfiguration configuration, ILoggerFactory loggers, string? tags, string? from, string? to, string? tz, int? top, CancellationToken cancellationToken)
    {
        var query = Query(tags, from, to, tz, top, out var problem);
        return query is null ? problem! : await PdfAsync(new ReportPdf(server, configuration, loggers.CreateLogger<ReportPdf>()), "/Hashtags/Print?" + QueryString(query), $"hashtags-{string.Join('-', query.Tags)}-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}.pdf", cancellationToken);
    }

    public static async Task<Ok<IReadOnlyList<EventSummary>>> GetEvents(EventCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ListAsync(cancellationToken));

    public static async Task<Results<Ok<EventReport>, NotFound, ProblemHttpResult>> GetEventReport(EventCatalog catalog, HashtagAnalytics analytics, string slug, int? top, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            return TypedResults.Ok(await analytics.EventReportAsync(item, Math.Clamp(top ?? 10, 1, 1000), cancellationToken));
        }
        catch (HashtagQueryException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    public static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> GetEventReportCsv(EventCatalog catalog, HashtagAnalytics analytics, string slug, string? table, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        var report = await analytics.EventReportAsync(item, 10, cancellationToken);
        return ReportTables.Event(report, table ?? "split") is { } csv ? Csv(csv, $"{item.Slug}-{csv.Name}") : BadTable(table, ReportTables.EventTableNames);
    }

    public static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> GetEventReportPdf(EventCatalog catalog, IServer server, IConfiguration configuration, ILoggerFactory loggers, string slug, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        var result = await PdfAsync(new ReportPdf(server, configuration, loggers.CreateLogger<ReportPdf>()), "/Hashtags/Print?event=" + Uri.EscapeDataString(slug), $"{item.Slug}-report.pdf", cancellationToken);
        return result.Result is FileContentHttpResult file ? file : (ProblemHttpResult)result.Result;
    }

    public sealed record WallResponse(long EventId, string Name, IReadOnlyList<WallPublicPost> Posts, long Sequence);

    public static async Task<Results<Ok<WallResponse>, NotFound>> GetWall(EventCatalog catalog, WallService wall, string slug, int? take, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        var (posts, sequence) = await wall.WallAsync(item.Id, Math.Clamp(take ?? 40, 1, 200), cancellationToken);
        return TypedResults.Ok(new WallResponse(item.Id, item.Name, posts, sequence));
    }

    public static async Task<Results<Ok<IReadOnlyList<WallModeratorPost>>, NotFound>> GetQueue(EventCatalog catalog, WallService wall, string slug, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(await wall.PostsAsync(item.Id, WallPostStatus.Pending, 200, cancellationToken));
    }

    public sealed record DecisionRequest(WallAction Decision);

    public static async Task<Results<Ok<WallModeratorPost>, NotFound>> Decide(EventCatalog catalog, WallService wall, HttpContext http, string slug, long wallPostId, DecisionRequest request, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        var decided = item is null ? null : await wall.DecideAsync(item.Id, wallPostId, request.Decision, http.User.Identity?.Name ?? "moderator", cancellationToken);
        return decided is null ? TypedResults.NotFound() : TypedResults.Ok(decided);
    }

    public static Task StreamWall(HttpContext http, EventCatalog catalog, WallHub hub, IServiceScopeFactory scopes, string slug, long? after) =>
        StreamAsync(http, catalog, hub, scopes, slug, after, moderator: false);

    public static Task StreamModeration(HttpContext http, EventCatalog catalog, WallHub hub, IServiceScopeFactory scopes, string slug, long? after) =>
        StreamAsync(http, catalog, hub, scopes, slug, after, moderator: true);

    /// <summary>
    /// Server-sent events: first whatever changed after the client's last event id (a reconnect) or <c>after</c>,
    /// then live changes as they happen, each with its sequence as the event id, so a browser that reconnects
    /// (EventSource does on its own) resumes without a gap or a duplicate. A comment every 15 s keeps proxies open.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, EventCatalog catalog, WallHub hub, IServiceScopeFactory scopes, string slug, long? after, bool moderator)
    {
        var cancellationToken = http.RequestAborted;
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var last = long.TryParse(http.Request.Headers["Last-Event-ID"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var resumed) ? resumed : after ?? 0;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = hub.Subscribe(item.Id, moderator);
        var writer = http.Response.BodyWriter;
        await http.Response.WriteAsync("retry: 2000\n\n", cancellationToken);
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var wall = scope.ServiceProvider.GetRequiredService<WallService>();
                IReadOnlyList<WallMessage> changes;
                do
                {
                    changes = await wall.ChangesAsync(item.Id, last, 500, cancellationToken);
                    foreach (var change in changes)
                    {
                        await WriteEventAsync(http, change, moderator, cancellationToken);
                        last = change.Sequence;
                    }
                }
                while (changes.Count == 500);
            }

            await http.Response.Body.FlushAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                heartbeat.CancelAfter(TimeSpan.FromSeconds(15));
                bool more;
                try
                {
                    more = await subscription.Reader.WaitToReadAsync(heartbeat.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                if (!more)
                {
                    // This viewer fell too far behind and was let go: end the response; the browser reconnects and catches up.
                    return;
                }

                while (subscription.Reader.TryRead(out var message))
                {
                    if (message.Sequence > last)
                    {
                        await WriteEventAsync(http, message, moderator, cancellationToken);
                        last = message.Sequence;
                    }
                }

                await http.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The viewer went away.
        }
    }

    private static async Task WriteEventAsync(HttpContext http, WallMessage message, bool moderator, CancellationToken cancellationToken)
    {
        var data = moderator ? message.ModeratorJson : message.PublicJson;
        if (data is null)
        {
            return;
        }

        await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {message.Sequence}\nevent: post\ndata: {data}\n\n"), cancellationToken);
    }

    private static HashtagQuery? Query(string? tags, string? from, string? to, string? tz, int? top, out ProblemHttpResult? problem)
    {
        problem = null;
        try
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            {
                throw new HashtagQueryException("Give the window: from and to (ISO 8601 dates or times).");
            }

            return HashtagQuery.Create([tags ?? ""], HashtagQuery.ParseTime(from, "from"), HashtagQuery.ParseTime(to, "to"), tz, top ?? 10);
        }
        catch (HashtagQueryException e)
        {
            problem = TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad hashtag query");
            return null;
        }
    }

    private static FileContentHttpResult Csv(ReportTable table, string name) =>
        TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(table.ToCsv())).ToArray(), "text/csv; charset=utf-8", $"{EventCatalog.Slugify(name)}-{table.Name}.csv");

    private static ProblemHttpResult BadTable(string? table, IReadOnlyList<string> names) =>
        TypedResults.Problem($"Unknown table '{table}'. Tables: {string.Join(", ", names)}.", statusCode: StatusCodes.Status400BadRequest);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(ReportPdf pdf, string page, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.File(await pdf.RenderAsync(page, cancellationToken), "application/pdf", fileName);
        }
        catch (PdfUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export unavailable");
        }
    }

}
