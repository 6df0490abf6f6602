using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Core.Users;
using SoMeScholar.Professionalism;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Check;

/// <summary>
/// The professionalism check as JSON: <c>POST /api/check</c> for anyone (guests too, rate-limited; nothing sent is
/// stored), and the administrators' settings under <c>/api/check/settings</c>.
/// </summary>
public static class CheckApi
{
    public const int MaxKnownNames = 200;
    public const int MaxFileNameLength = 260;
    public const int MaxAltTextLength = 2000;

    public static IEndpointRouteBuilder MapCheckApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/check").WithTags("Check");
        group.MapPost("", Check)
            .Accepts<CheckRequest>("application/json")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Checking)
            .WithSummary("Check a draft for patient identifiers, unprofessional language, undisclosed conflicts and unsourced claims, or de-identify it.")
            .WithDescription("mode \"check\" (default) returns the findings with their spans (UTF-16 code units), the highlight segments, whether the draft is blocked by this site's settings, and the suggested rewrite. " +
                "mode \"deidentify\" judges identifiers wherever they are (as for interview transcripts) and also returns the text with identifiers replaced by tags ([NAME], [DATE], ...) and each replacement. " +
                "Open to guests; rate-limited; nothing sent is stored.");
        group.MapGet("/settings", GetSettings)
            .RequireAuthorization(Policies.Administrator)
            .WithSummary("The professionalism settings in force, who saved them and when, and the latest changes (administrators only).");
        group.MapPut("/settings", PutSettings)
            .Accepts<SettingsDocument>("application/json")
            .RequireAuthorization(Policies.Administrator)
            .WithSummary("Replace the professionalism settings (administrators only). The change is recorded with your user name.");
        return app;
    }

    public static async Task<Results<Ok<CheckReport>, ValidationProblem>> Check(HttpRequest http, ProfessionalismService professionalism, CancellationToken cancellationToken)
    {
        var (request, bodyErrors) = await ReadAsync<CheckRequest>(http, cancellationToken);
        if (request is null)
        {
            return TypedResults.ValidationProblem(bodyErrors);
        }

        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var attachments = (request.Attachments ?? []).Select(a => new AttachmentInfo(a.FileName!.Trim(), a.MediaType, a.AltText)).ToList();
        var report = await professionalism.ReportAsync(request.Text!, request.Mode, attachments, request.KnownNames, cancellationToken);
        return TypedResults.Ok(report);
    }

    public static async Task<Ok<SettingsResponse>> GetSettings(ProfessionalismService professionalism, CancellationToken cancellationToken) =>
        TypedResults.Ok(await SettingsResponseAsync(professionalism, [], cancellationToken));

    public static async Task<Results<Ok<SettingsResponse>, ValidationProblem>> PutSettings(HttpRequest http, ProfessionalismService professionalism, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (document, bodyErrors) = await ReadAsync<SettingsDocument>(http, cancellationToken);
        if (document is null)
        {
            return TypedResults.ValidationProblem(bodyErrors);
        }

        var settings = document.ToSettings(out var errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var changes = await professionalism.SaveSettingsAsync(settings, user.Identity?.Name ?? "administrator", cancellationToken);
        return TypedResults.Ok(await SettingsResponseAsync(professionalism, changes, cancellationToken));
    }

    private static async Task<SettingsResponse> SettingsResponseAsync(ProfessionalismService professionalism, IReadOnlyList<string> saved, CancellationToken cancellationToken)
    {
        var stored = await professionalism.StoredSettingsAsync(cancellationToken);
        var history = await professionalism.ChangesAsync(20, cancellationToken);
        return new SettingsResponse(SettingsDocument.From(stored.Settings), stored.IsDefault, stored.UpdatedAt, stored.UpdatedBy, stored.Problem, saved,
            history.Select(c => new SettingsChangeResponse(c.ChangedAt, c.ChangedBy, c.Changes.Split('\n'))).ToList());
    }

    /// <summary>
    /// Reads the JSON body with the app's JSON options. Done here rather than by parameter binding so that a body
    /// that is not JSON, or names an unknown mode, gets problem details that say where and why (binding failures
    /// would answer with an empty 400).
    /// </summary>
    private static async Task<(T? Value, Dictionary<string, string[]> Errors)> ReadAsync<T>(HttpRequest http, CancellationToken cancellationToken)
        where T : class
    {
        if (!http.HasJsonContentType())
        {
            return (null, new() { ["body"] = ["Send the request as JSON (Content-Type: application/json)."] });
        }

        try
        {
            var options = http.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var value = await JsonSerializer.DeserializeAsync<T>(http.Body, options, cancellationToken);
            return value is null ? (null, new() { ["body"] = ["The body is empty (null)."] }) : (value, []);
        }
        catch (JsonException e)
        {
            return (null, new() { ["body"] = [$"The body is not valid JSON for this request: {e.Message}"] });
        }
    }

    private static Dictionary<string, string[]> Validate(CheckRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            errors["text"] = ["Give the text to check."];
        }
        else if (request.Text.Length > ProfessionalismService.MaxTextLength)
        {
            errors["text"] = [$"The text has {request.Text.Length:N0} characters; at most {ProfessionalismService.MaxTextLength:N0} are checked at once."];
        }

        var attachments = request.Attachments ?? [];
        if (attachments.Count > ProfessionalismService.MaxAttachments)
        {
            errors["attachments"] = [$"At most {ProfessionalismService.MaxAttachments} attachments ({attachments.Count} given)."];
        }
        else
        {
            for (var i = 0; i < attachments.Count; i++)
            {
                var attachment = attachments[i];
                if (attachment is null || string.IsNullOrWhiteSpace(attachment.FileName) || attachment.FileName.Length > MaxFileNameLength || attachment.AltText?.Length > MaxAltTextLength)
                {
                    errors["attachments"] = [$"Attachment {i + 1} needs a file name of at most {MaxFileNameLength} characters, and alt text of at most {MaxAltTextLength}."];
                    break;
                }
            }
        }

        var names = request.KnownNames ?? [];
        if (names.Count > MaxKnownNames || names.Any(n => n is null || n.Length > 100))
        {
            errors["knownNames"] = [$"At most {MaxKnownNames} known names of at most 100 characters each."];
        }

        return errors;
    }
}

/// <summary>A draft to check.</summary>
public sealed record CheckRequest
{
    /// <summary>The draft post (or transcript, for de-identification).</summary>
    [Description("The draft post, or a transcript to de-identify (at most 200,000 characters).")]
    public string? Text { get; init; }

    /// <summary>Images, videos or documents that will be posted with it (the check does not look inside them).</summary>
    [Description("Attachments that will be posted with the draft; each is flagged for human review, and its file name and alt text are checked as text.")]
    public IReadOnlyList<AttachmentRequest>? Attachments { get; init; }

    [Description("check (default) or deidentify.")]
    public CheckMode Mode { get; init; } = CheckMode.Check;

    /// <summary>Names that are not patients (the writer, co-authors): never flagged.</summary>
    [Description("Names that are not patients (the writer, credited colleagues): never flagged.")]
    public IReadOnlyList<string>? KnownNames { get; init; }
}

/// <summary>An attachment of a draft.</summary>
public sealed record AttachmentRequest(
    [property: Description("The file name, e.g. \"ct_scan.jpg\".")] string? FileName,
    [property: Description("The media type, e.g. \"image/jpeg\" (optional; otherwise taken from the extension).")] string? MediaType = null,
    [property: Description("The description (alt text) the writer gave (optional).")] string? AltText = null);

/// <summary>The settings in force and their history.</summary>
public sealed record SettingsResponse(
    SettingsDocument Settings,
    bool IsDefault,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    string? Problem,
    IReadOnlyList<string> Saved,
    IReadOnlyList<SettingsChangeResponse> Changes);

/// <summary>One recorded change: when, who, and what in plain words.</summary>
public sealed record SettingsChangeResponse(DateTime ChangedAt, string ChangedBy, IReadOnlyList<string> Changes);
