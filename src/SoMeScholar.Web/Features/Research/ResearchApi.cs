using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>
/// The research toolkit's JSON API over the same operations as the pages. Every endpoint needs a signed-in user and
/// answers only about studies the user is on the team of (404 otherwise, the same as for a study that does not exist).
/// Changes (POST, DELETE) also need the antiforgery token in the RequestVerificationToken header, as the workbench sends it.
/// Enums are strings; agreement figures carry percentage and kappa.
/// </summary>
public static class ResearchApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/research").WithTags("Research").RequireAuthorization(Policies.Member).AddEndpointFilter(MapErrors);

        api.MapGet("/studies", async (Studies studies, ClaimsPrincipal user, CancellationToken ct) => Ok(await studies.ListAsync(Actor(user), ct)))
            .WithSummary("The studies the caller is on the team of.");
        api.MapGet("/studies/{id:long}", async (Studies studies, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await studies.GetAsync(Actor(user), id, ct)))
            .WithSummary("A study: team, counts.");
        api.MapPost("/studies", async (Studies studies, ClaimsPrincipal user, NewStudy body, CancellationToken ct) =>
            {
                var study = await studies.CreateAsync(Actor(user), body.Title, body.EthicsReference, body.Description, cancellationToken: ct);
                return Results.Json(await studies.GetAsync(Actor(user), study.Id, ct), Json, statusCode: StatusCodes.Status201Created);
            })
            .AddEndpointFilter(RequireAntiforgery).WithSummary("Create a study; the caller becomes its lead.");

        api.MapGet("/studies/{id:long}/frames", async (SamplingFrames frames, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await frames.ListAsync(Actor(user), id, ct)))
            .WithSummary("Sampling frames with their method and parameters.");
        api.MapGet("/frames/{id:long}", async (SamplingFrames frames, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await frames.GetAsync(Actor(user), id, ct)))
            .WithSummary("A frame's members and samples.");
        api.MapGet("/samples/{id:long}", async (SamplingFrames frames, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await frames.GetSampleAsync(Actor(user), id, ct)))
            .WithSummary("A sample's members in draw order, with its seed.");
        api.MapGet("/frames/{id:long}/csv", async (SamplingFrames frames, ClaimsPrincipal user, long id, long? sample, CancellationToken ct) =>
                File(await frames.CsvAsync(Actor(user), id, sample, ct), "text/csv", sample is { } s ? $"frame-{id}-sample-{s}.csv" : $"frame-{id}.csv"))
            .WithSummary("A frame (or one of its samples) as CSV for recruitment.");

        api.MapGet("/studies/{id:long}/snowball", async (Snowball snowball, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await snowball.GetAsync(Actor(user), id, ct)))
            .WithSummary("Participants by study code (identities for the lead only), nominations and counts per wave.");
        api.MapGet("/studies/{id:long}/snowball.svg", async (Snowball snowball, ClaimsPrincipal user, long id, CancellationToken ct) =>
                Results.Text(ReferralTree.Svg(await snowball.GetAsync(Actor(user), id, ct)), "image/svg+xml", Encoding.UTF8))
            .WithSummary("The referral tree as SVG (study codes only).");

        api.MapGet("/studies/{id:long}/transcripts", async (Transcripts transcripts, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await transcripts.ListAsync(Actor(user), id, ct)))
            .WithSummary("Transcripts and their de-identification status.");
        api.MapGet("/transcripts/{id:long}", async (Transcripts transcripts, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await transcripts.GetAsync(Actor(user), id, ct)))
            .WithSummary("A transcript's de-identified text (empty until approved).");
        api.MapGet("/transcripts/{id:long}/codings", async (CodingWorkbench workbench, ClaimsPrincipal user, long id, bool? all, CancellationToken ct) =>
                Ok(await workbench.CodingsAsync(Actor(user), id, all ?? false, ct)))
            .WithSummary("Codings of a transcript: the caller's, or every coder's with all=true.");
        api.MapPost("/transcripts/{id:long}/codings", async (CodingWorkbench workbench, ClaimsPrincipal user, long id, NewCoding body, CancellationToken ct) =>
                Results.Json(await workbench.ApplyAsync(Actor(user), id, body.Start, body.End, body.CodeIds, ct), Json, statusCode: StatusCodes.Status201Created))
            .AddEndpointFilter(RequireAntiforgery).WithSummary("Apply one or more codes to the characters [start, end) (UTF-16 offsets of the transcript text).");
        api.MapDelete("/codings/{id:long}", async (CodingWorkbench workbench, ClaimsPrincipal user, long id, CancellationToken ct) =>
            {
                await workbench.RemoveAsync(Actor(user), id, ct);
                return Results.NoContent();
            })
            .AddEndpointFilter(RequireAntiforgery).WithSummary("Remove one of the caller's codings.");

        api.MapGet("/studies/{id:long}/codebook", async (Codebook codebook, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await codebook.GetAsync(Actor(user), id, ct)))
            .WithSummary("The hierarchical codebook and the themes.");
        api.MapGet("/studies/{id:long}/coders", async (CodingWorkbench workbench, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await workbench.CodersAsync(Actor(user), id, ct)))
            .WithSummary("The study's coders.");
        api.MapGet("/studies/{id:long}/memos", async (CodingWorkbench workbench, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await workbench.MemosAsync(Actor(user), id, cancellationToken: ct)))
            .WithSummary("Memos on the study, codes, transcripts, spans and themes (member-check comments included).");
        api.MapPost("/studies/{id:long}/memos", async (CodingWorkbench workbench, ClaimsPrincipal user, long id, NewMemo body, CancellationToken ct) =>
            {
                var target = Enum.TryParse<MemoTarget>(body.Target, ignoreCase: true, out var t) && Enum.IsDefined(t)
                    ? t
                    : throw ResearchException.Invalid("target is Study, Code, Transcript, Span or Theme.");
                var memo = await workbench.AddMemoAsync(Actor(user), id, new MemoInput(target, body.Text, body.CodeId, body.TranscriptId, body.ThemeId, body.Start, body.End), ct);
                return Results.Json(new { memo.Id }, Json, statusCode: StatusCodes.Status201Created);
            })
            .AddEndpointFilter(RequireAntiforgery).WithSummary("Add a memo.");

        api.MapGet("/studies/{id:long}/frequencies", async (Analysis analysis, CodingWorkbench workbench, ClaimsPrincipal user, long id, string? coder, CancellationToken ct) =>
                Ok(await analysis.FrequenciesAsync(Actor(user), id, await CoderAsync(workbench, user, id, coder, ct), ct)))
            .WithSummary("Code frequencies per transcript and per participant (coder: an id, 'mine', or all).");
        api.MapGet("/studies/{id:long}/cooccurrence", async (Analysis analysis, CodingWorkbench workbench, ClaimsPrincipal user, long id, string? coder, CancellationToken ct) =>
                Ok(await analysis.CooccurrenceAsync(Actor(user), id, await CoderAsync(workbench, user, id, coder, ct), ct)))
            .WithSummary("The code co-occurrence matrix (coder: an id, 'mine', or all).");
        api.MapGet("/studies/{id:long}/themes", async (Analysis analysis, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await analysis.ThemesAsync(Actor(user), id, ct)))
            .WithSummary("Themes and categories with their codes and totals.");
        api.MapGet("/studies/{id:long}/agreement", async (Analysis analysis, ClaimsPrincipal user, long id, long a, long b, CancellationToken ct) =>
                Ok(await analysis.AgreementAsync(Actor(user), id, a, b, ct)))
            .WithSummary("Inter-coder agreement of coders a and b: percentage and Cohen's kappa per code and transcript, as NVivo's coding comparison.");
        api.MapGet("/studies/{id:long}/disagreements", async (Analysis analysis, ClaimsPrincipal user, long id, long a, long b, long code, long transcript, CancellationToken ct) =>
                Ok(await analysis.DisagreementsAsync(Actor(user), id, code, transcript, a, b, ct)))
            .WithSummary("Where coders a and b disagree on one code in one transcript.");

        api.MapGet("/studies/{id:long}/audit", async (AuditTrail trail, ClaimsPrincipal user, long id, CancellationToken ct) =>
                Ok(new { entries = await trail.ListAsync(Actor(user), id, ct), verification = await trail.VerifyAsync(Actor(user), id, ct) }))
            .WithSummary("The codebook audit trail (who, when, what, why) and its hash-chain verification.");
        api.MapGet("/studies/{id:long}/audit.csv", async (AuditTrail trail, ClaimsPrincipal user, long id, CancellationToken ct) =>
                File(await trail.CsvAsync(Actor(user), id, ct), "text/csv", $"study-{id}-audit-trail.csv"))
            .WithSummary("The audit trail as CSV.");
        api.MapGet("/studies/{id:long}/member-checks", async (MemberChecks checks, ClaimsPrincipal user, long id, CancellationToken ct) => Ok(await checks.ListAsync(Actor(user), id, ct)))
            .WithSummary("Member checks (the private link for the lead only).");

        api.MapGet("/studies/{id:long}/export/qdc", async (RefiQda refi, ClaimsPrincipal user, long id, CancellationToken ct) =>
                File(await refi.ExportCodebookAsync(Actor(user), id, ct), "application/xml", $"study-{id}-codebook.qdc"))
            .WithSummary("The codebook as a REFI-QDA codebook (QDC).");
        api.MapGet("/studies/{id:long}/export/qdpx", async (RefiQda refi, ClaimsPrincipal user, long id, CancellationToken ct) =>
            {
                var buffer = new MemoryStream();
                await refi.ExportProjectAsync(Actor(user), id, buffer, ct);
                return Results.File(buffer.ToArray(), "application/zip", $"study-{id}.qdpx");
            })
            .WithSummary("The project as a REFI-QDA project (QDPX).");
        api.MapGet("/studies/{id:long}/export/segments.csv", async (RefiQda refi, ClaimsPrincipal user, long id, CancellationToken ct) =>
                File(await refi.CodedSegmentsCsvAsync(Actor(user), id, ct), "text/csv", $"study-{id}-coded-segments.csv"))
            .WithSummary("Coded segments as CSV.");
        return app;
    }

    public sealed record NewStudy(string Title, string? EthicsReference, string? Description);

    public sealed record NewCoding(int Start, int End, IReadOnlyList<long> CodeIds);

    public sealed record NewMemo(string Target, string Text, long? CodeId = null, long? TranscriptId = null, long? ThemeId = null, int? Start = null, int? End = null);

    private static IResult Ok<T>(T value) => Results.Json(value, Json);

    private static IResult File(string text, string contentType, string name) => Results.File(new UTF8Encoding(false).GetBytes(text), contentType + "; charset=utf-8", name);

    private static ResearchActor Actor(ClaimsPrincipal user) => ResearchPageModel.ActorOf(user);

    private static async Task<long?> CoderAsync(CodingWorkbench workbench, ClaimsPrincipal user, long studyId, string? coder, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(coder) || coder == "all")
        {
            return null;
        }

        if (coder == "mine")
        {
            return (await workbench.CodersAsync(Actor(user), studyId, ct)).FirstOrDefault(c => c.IsMe)?.Id ?? -1;
        }

        return long.TryParse(coder, out var id) ? id : throw ResearchException.Invalid("coder is a coder id, 'mine' or 'all'.");
    }

    private static async ValueTask<object?> MapErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ResearchException e)
        {
            return e.Kind switch
            {
                ResearchErrorKind.NotFound => Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound),
                ResearchErrorKind.Forbidden => Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["request"] = [e.Message] }),
            };
        }
    }

    private static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem("Missing or invalid antiforgery token (send the page's token in the RequestVerificationToken header).", statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }
}
