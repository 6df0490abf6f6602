using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>The hierarchical codebook and the themes; every change asks why and goes to the audit trail.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class CodebookModel(Studies studies, Codebook codebook, CodingWorkbench workbench) : ResearchPageModel
{
    public CodebookView Codebook { get; private set; } = null!;
    public IReadOnlyList<MemoView> CodeMemos { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public long? ParentId { get; set; }

    [BindProperty]
    public string? Definition { get; set; }

    [BindProperty]
    public string? Inclusion { get; set; }

    [BindProperty]
    public string? Exclusion { get; set; }

    [BindProperty]
    public string? Examples { get; set; }

    [BindProperty]
    public string? Color { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public long CodeId { get; set; }

    [BindProperty]
    public long ThemeId { get; set; }

    [BindProperty]
    public List<long> CodeIds { get; set; } = [];

    [BindProperty]
    public string? MemoText { get; set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, async () =>
    {
        Codebook = await codebook.GetAsync(Actor, id, cancellationToken);
        CodeMemos = await workbench.MemosAsync(Actor, id, null, null, cancellationToken) is var memos ? memos.Where(m => m.Target == MemoTarget.Code).ToList() : [];
    }, cancellationToken);

    public Task<IActionResult> OnPostCreateAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var code = await codebook.CreateAsync(Actor, id, Input(), Reason ?? "", cancellationToken);
        return $"Created \u201c{code.Name}\u201d.";
    });

    public Task<IActionResult> OnPostEditAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var code = await codebook.EditAsync(Actor, CodeId, Input(), Reason ?? "", cancellationToken);
        return $"Saved \u201c{code.Name}\u201d.";
    });

    public Task<IActionResult> OnPostMoveAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var code = await codebook.MoveAsync(Actor, CodeId, ParentId, Reason ?? "", cancellationToken);
        return $"Moved \u201c{code.Name}\u201d.";
    });

    public Task<IActionResult> OnPostMergeAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var result = await codebook.MergeAsync(Actor, CodeId, CodeIds, Reason ?? "", cancellationToken);
        return $"Merged into \u201c{result.Target.Name}\u201d: {result.CodingsMoved} coding(s) moved, {result.DuplicatesDropped} duplicate(s) dropped.";
    });

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await codebook.DeleteAsync(Actor, CodeId, Reason ?? "", cancellationToken);
        return "Code deleted.";
    });

    public Task<IActionResult> OnPostThemeAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var theme = await codebook.CreateThemeAsync(Actor, id, Name ?? "", Description, ParentId, Reason ?? "", cancellationToken);
        return $"Created \u201c{theme.Name}\u201d.";
    });

    public Task<IActionResult> OnPostThemeCodesAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await codebook.SetThemeCodesAsync(Actor, ThemeId, CodeIds, Reason ?? "", cancellationToken);
        return "Theme updated.";
    });

    public Task<IActionResult> OnPostDeleteThemeAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await codebook.DeleteThemeAsync(Actor, ThemeId, Reason ?? "", cancellationToken);
        return "Theme deleted.";
    });

    public Task<IActionResult> OnPostMemoAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await workbench.AddMemoAsync(Actor, id, new MemoInput(MemoTarget.Code, MemoText ?? "", CodeId: CodeId), cancellationToken);
        return "Memo added.";
    });

    public Task<IActionResult> OnPostDeleteMemoAsync(long id, long memoId, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await workbench.DeleteMemoAsync(Actor, memoId, cancellationToken);
        return "Memo deleted.";
    });

    private CodeInput Input() => new(Name ?? "", ParentId, Definition, Inclusion, Exclusion, Examples, Color);
}
