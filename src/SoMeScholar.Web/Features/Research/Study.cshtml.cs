using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>A study's overview: what it holds, its team (the lead adds and removes members), and study memos.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class StudyModel(Studies studies, CodingWorkbench workbench) : ResearchPageModel
{
    public StudyDetail Study { get; private set; } = null!;
    public IReadOnlyList<MemoView> Memos { get; private set; } = [];

    [BindProperty]
    public string? MemberName { get; set; }

    [BindProperty]
    public StudyRole MemberRole { get; set; } = StudyRole.Coder;

    [BindProperty]
    public string? MemoText { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? EthicsReference { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, async () =>
    {
        Study = await studies.GetAsync(Actor, id, cancellationToken);
        Memos = await workbench.MemosAsync(Actor, id, MemoTarget.Study, null, cancellationToken);
    }, cancellationToken);

    public Task<IActionResult> OnPostMemberAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var member = await studies.SetMemberAsync(Actor, id, MemberName ?? "", MemberRole, cancellationToken);
        return $"{member.UserName} is on the team as {member.Role.ToString().ToLowerInvariant()}.";
    });

    public Task<IActionResult> OnPostRemoveAsync(long id, string userId, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await studies.RemoveMemberAsync(Actor, id, userId, cancellationToken);
        return "Removed from the team.";
    });

    public Task<IActionResult> OnPostEditAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await studies.UpdateAsync(Actor, id, Title ?? "", EthicsReference, Description, cancellationToken);
        return "Study updated.";
    });

    public Task<IActionResult> OnPostMemoAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await workbench.AddMemoAsync(Actor, id, new MemoInput(MemoTarget.Study, MemoText ?? ""), cancellationToken);
        return "Memo added.";
    });

    public Task<IActionResult> OnPostDeleteMemoAsync(long id, long memoId, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await workbench.DeleteMemoAsync(Actor, memoId, cancellationToken);
        return "Memo deleted.";
    });
}
