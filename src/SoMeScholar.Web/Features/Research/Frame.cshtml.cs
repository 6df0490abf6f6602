using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>One frame: its members, its samples (one shown at a time), drawing a sample, exporting for recruitment.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class FrameModel(Studies studies, SamplingFrames frames, Snowball snowball) : ResearchPageModel
{
    public const int ShownMembers = 500;

    public FrameDetail Frame { get; private set; } = null!;
    public SampleDetail? Sample { get; private set; }

    [BindProperty(SupportsGet = true, Name = "sample")]
    public long? SampleId { get; set; }

    [BindProperty]
    public SampleMethod Method { get; set; } = SampleMethod.Random;

    [BindProperty]
    public int Size { get; set; } = 20;

    [BindProperty]
    public int? Seed { get; set; }

    [BindProperty]
    public string? StratifyBy { get; set; }

    [BindProperty]
    public int Seeds { get; set; } = 3;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        FrameDetail? frame = null;
        try
        {
            frame = await frames.GetAsync(Actor, id, cancellationToken);
        }
        catch (ResearchException e) when (e.Kind == ResearchErrorKind.NotFound)
        {
            return NotFound();
        }

        return await PageAsync(studies, frame.Frame.StudyId, async () =>
        {
            Frame = frame;
            var chosen = SampleId ?? (frame.Samples.Count > 0 ? frame.Samples[^1].Id : null);
            Sample = chosen is { } s && frame.Samples.Any(x => x.Id == s) ? await frames.GetSampleAsync(Actor, s, cancellationToken) : null;
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostSampleAsync(long id, CancellationToken cancellationToken)
    {
        long? sampleId = null;
        var result = await ChangeAsync(async () =>
        {
            var sample = await frames.SampleAsync(Actor, id, Method, Size, Seed, Method == SampleMethod.Stratified ? StratifyBy : null, cancellationToken);
            sampleId = sample.Id;
            return $"Drew {sample.Size} with seed {sample.Seed} (recorded).";
        });
        return sampleId is { } s ? RedirectToPage(new { id, sample = s }) : result;
    }

    public Task<IActionResult> OnPostSeedsAsync(long id, long sampleId, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var frame = await frames.GetAsync(Actor, id, cancellationToken);
        var added = await snowball.AddSeedsFromSampleAsync(Actor, frame.Frame.StudyId, sampleId, Seeds, cancellationToken);
        return added.Count == 0 ? "No new seeds: everyone drawn is already in the study." : $"Added {added.Count} seed(s): {string.Join(", ", added.Select(p => p.Code))}.";
    }, () => RedirectToPage(new { id, sample = sampleId }));
}
