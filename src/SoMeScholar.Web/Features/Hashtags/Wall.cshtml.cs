using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Hashtags;

namespace SoMeScholar.Web.Features.Hashtags;

/// <summary>
/// The projector page of an event's live wall: large type, newest first, pinned posts on top, updated by server-sent
/// events without reloading. Shows only what the moderation published; open to anyone, like the posts themselves.
/// </summary>
[AllowAnonymous]
public sealed class WallModel(EventCatalog catalog, WallService wall) : PageModel
{
    public const int Shown = 24;

    public HashtagEvent Event { get; private set; } = null!;
    public IReadOnlyList<WallPublicPost> Posts { get; private set; } = [];
    public long Sequence { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Event = item;
        (Posts, Sequence) = await wall.WallAsync(item.Id, Shown, cancellationToken);
        return Page();
    }
}
