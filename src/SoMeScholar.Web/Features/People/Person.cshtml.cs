using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.People;

namespace SoMeScholar.Web.Features.People;

[AllowAnonymous]
public sealed class PersonModel(ScholarDb db, ArchiveOverview archive) : PageModel
{
    public Person Person { get; private set; } = null!;
    public IReadOnlyList<PostSummary> Posts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Include(p => p.Roles).Include(p => p.Accounts).AsSplitQuery().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        Person = person;
        var posts = new List<PostSummary>();
        foreach (var account in person.Accounts)
        {
            posts.AddRange(await archive.RecentPostsAsync(15, account.Id, cancellationToken));
        }

        Posts = posts.OrderByDescending(p => p.CreatedAt).Take(15).ToList();
        return Page();
    }
}
