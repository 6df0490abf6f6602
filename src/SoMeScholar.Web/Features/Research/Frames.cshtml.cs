using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;
using SoMeScholar.Importers;

namespace SoMeScholar.Web.Features.Research;

/// <summary>A study's sampling frames, and the forms that build them from the archive or an uploaded list.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class FramesModel(Studies studies, SamplingFrames frames) : ResearchPageModel
{
    public IReadOnlyList<FrameSummary> Frames { get; private set; } = [];

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string? Tags { get; set; }

    [BindProperty]
    public DateTime? From { get; set; }

    [BindProperty]
    public DateTime? To { get; set; }

    [BindProperty]
    public ParticipationRole Role { get; set; } = ParticipationRole.Any;

    [BindProperty]
    public int MinPosts { get; set; } = 1;

    [BindProperty]
    public int MinReposts { get; set; } = 1;

    [BindProperty]
    public string? Platform { get; set; }

    [BindProperty]
    public string? Keywords { get; set; }

    [BindProperty]
    public bool MatchAll { get; set; }

    [BindProperty]
    public string? ListText { get; set; }

    [BindProperty]
    public int K { get; set; } = 100;

    [BindProperty]
    public List<string> Measures { get; set; } = [];

    [BindProperty]
    public string Preset { get; set; } = "nodexl";

    [BindProperty]
    public string TieRule { get; set; } = "id-order";

    [BindProperty]
    public InfluencerMembers Members { get; set; } = InfluencerMembers.Intersection;

    [BindProperty]
    public List<InteractionKind> EdgeKinds { get; set; } = [];

    [BindProperty]
    public long? AmongFrameId { get; set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, async () =>
    {
        Frames = await frames.ListAsync(Actor, id, cancellationToken);
    }, cancellationToken);

    public Task<IActionResult> OnPostHashtagAsync(long id, CancellationToken cancellationToken) => BuildAsync(async () =>
    {
        if (From is null || To is null)
        {
            throw ResearchException.Invalid("Give the window's start and end dates.");
        }

        var tags = (Tags ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return await frames.BuildHashtagFrameAsync(Actor, id, Name, new HashtagFrameParameters(tags, Utc(From.Value), Utc(To.Value).AddDays(1), Role, MinPosts, MinReposts, ParsePlatform()), cancellationToken);
    });

    public Task<IActionResult> OnPostInfluencersAsync(long id, CancellationToken cancellationToken) => BuildAsync(async () =>
    {
        var tags = (Tags ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return await frames.BuildInfluencerFrameAsync(Actor, id, Name, new InfluencerFrameParameters
        {
            K = K,
            Measures = Measures.Count == 0 ? ["indegree", "eigenvector", "betweenness"] : Measures,
            Preset = Preset,
            TieRule = TieRule,
            Members = Members,
            Platform = ParsePlatform(),
            EdgeKinds = EdgeKinds.Count == 0 ? [InteractionKind.Follow] : EdgeKinds,
            AmongFrameId = AmongFrameId,
            Hashtags = tags,
            From = From is { } f ? Utc(f) : null,
            To = To is { } t ? Utc(t).AddDays(1) : null,
        }, cancellationToken);
    });

    public Task<IActionResult> OnPostBioAsync(long id, CancellationToken cancellationToken) => BuildAsync(async () =>
    {
        var keywords = (Keywords ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return await frames.BuildBioFrameAsync(Actor, id, Name, new BioFrameParameters(keywords, MatchAll, ParsePlatform()), cancellationToken);
    });

    public Task<IActionResult> OnPostListAsync(long id, IFormFile? list, CancellationToken cancellationToken) => BuildAsync(async () =>
    {
        string content;
        var source = "pasted list";
        if (list is { Length: > 0 })
        {
            if (list.Length > 5_000_000)
            {
                throw ResearchException.Invalid($"{list.FileName}: at most 5 MB.");
            }

            using var reader = new StreamReader(list.OpenReadStream());
            content = await reader.ReadToEndAsync(cancellationToken);
            source = Path.GetFileName(list.FileName);
        }
        else
        {
            content = ListText ?? "";
        }

        return await frames.BuildListFrameAsync(Actor, id, Name, source, content, cancellationToken);
    });

    private async Task<IActionResult> BuildAsync(Func<Task<SamplingFrame>> build)
    {
        SamplingFrame? frame = null;
        var result = await ChangeAsync(async () =>
        {
            frame = await build();
            return $"Frame built: {frame.MemberCount.ToString("N0", CultureInfo.InvariantCulture)} accounts.";
        });
        return frame is null ? result : RedirectToPage("Frame", new { id = frame.Id });
    }

    private Platform? ParsePlatform() =>
        string.IsNullOrWhiteSpace(Platform) ? null : PlatformNames.TryParse(Platform, out var platform) ? platform : throw ResearchException.Invalid($"Unknown platform {Platform}.");

    private static DateTime Utc(DateTime date) => DateTime.SpecifyKind(date.Date, DateTimeKind.Utc);
}
