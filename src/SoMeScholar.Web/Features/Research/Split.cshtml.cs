using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>Splitting a code: name the new codes and choose, coding by coding, which one each passage moves to.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class SplitModel(Studies studies, Codebook codebook, CodingWorkbench workbench, Transcripts transcripts, StudyAccess access) : ResearchPageModel
{
    public const int Parts = 3;

    public CodebookEntry Code { get; private set; } = null!;
    public IReadOnlyList<(CodingView Coding, string Excerpt, string Transcript)> Codings { get; private set; } = [];

    [BindProperty]
    public List<string?> Names { get; set; } = [];

    [BindProperty]
    public Dictionary<long, int> Assign { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        long studyId;
        try
        {
            studyId = (await access.RequireCodeAsync(Actor, id, StudyRight.Read, cancellationToken)).StudyId;
        }
        catch (ResearchException e) when (e.Kind == ResearchErrorKind.NotFound)
        {
            return NotFound();
        }

        return await PageAsync(studies, studyId, async () =>
        {
            Code = (await codebook.GetAsync(Actor, studyId, cancellationToken)).Codes.First(c => c.Id == id);
            var rows = new List<(CodingView, string, string)>();
            foreach (var transcript in await transcripts.ListAsync(Actor, studyId, cancellationToken))
            {
                if (transcript.Status != TranscriptStatus.Ready)
                {
                    continue;
                }

                var text = (await transcripts.GetAsync(Actor, transcript.Id, cancellationToken)).Text;
                rows.AddRange((await workbench.CodingsAsync(Actor, transcript.Id, allCoders: true, cancellationToken))
                    .Where(c => c.CodeId == id)
                    .Select(c => (c, CodingWorkbench.Excerpt(text, c.Start, c.End, 300), transcript.Title)));
            }

            Codings = rows;
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        long? studyId = null;
        var result = await ChangeAsync(async () =>
        {
            studyId = (await access.RequireCodeAsync(Actor, id, StudyRight.Edit, cancellationToken)).StudyId;
            var named = Names.Select((name, index) => (Name: name?.Trim(), Index: index)).Where(n => !string.IsNullOrEmpty(n.Name)).ToList();
            var parts = named.Select(n => new SplitPart(n.Name!, null, Assign.Where(a => a.Value == n.Index).Select(a => a.Key).ToList())).ToList();
            var created = await codebook.SplitAsync(Actor, id, parts, Reason ?? "", cancellationToken);
            return $"Split into {string.Join(", ", created.Select(c => "\u201c" + c.Name + "\u201d"))}. Delete or merge the original when it is empty.";
        });
        return studyId is { } s && Error is null ? RedirectToPage("Codebook", new { id = s }) : result;
    }
}
