using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.People;

namespace SoMeScholar.Web.Features.Portfolio;

[AllowAnonymous]
public sealed class IndexModel(ScholarDb db) : PageModel
{
    public IReadOnlyList<Person> People { get; private set; } = [];
    public Person? Own { get; private set; }
    public bool IsAdministrator { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var viewer = await PortfolioWeb.ViewerAsync(HttpContext);
        IsAdministrator = viewer.IsAdministrator;
        if (viewer.PersonId is { } own)
        {
            Own = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == own, cancellationToken);
        }

        // Everyone sees the people with a public section; administrators also see everyone who authored a resource.
        var withPublic = db.PortfolioVisibilities.Where(v => v.IsPublic).Select(v => v.PersonId);
        var authors = db.ResourceAuthors.Where(a => a.PersonId != null).Select(a => a.PersonId!.Value);
        var query = viewer.IsAdministrator
            ? db.People.Where(p => withPublic.Contains(p.Id) || authors.Contains(p.Id))
            : db.People.Where(p => withPublic.Contains(p.Id));
        People = await query.AsNoTracking().OrderBy(p => p.DisplayName).Take(500).ToListAsync(cancellationToken);
    }
}
