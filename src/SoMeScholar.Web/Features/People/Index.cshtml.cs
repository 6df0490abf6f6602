using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.People;

namespace SoMeScholar.Web.Features.People;

[AllowAnonymous]
public sealed class IndexModel(ScholarDb db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public CommunityRole? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Person> People { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var pattern = "%" + Query.Trim().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%";
            people = db.Provider == DatabaseProvider.PostgreSql
                ? people.Where(p => EF.Functions.ILike(p.DisplayName, pattern) || EF.Functions.ILike(p.Specialty ?? "", pattern) || EF.Functions.ILike(p.Institution ?? "", pattern))
                : people.Where(p => EF.Functions.Like(p.DisplayName, pattern) || EF.Functions.Like(p.Specialty ?? "", pattern) || EF.Functions.Like(p.Institution ?? "", pattern));
        }

        if (Role is { } role)
        {
            people = people.Where(p => p.Roles.Any(r => r.Role == role));
        }

        Total = await people.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        People = await people.Include(p => p.Roles).Include(p => p.Accounts)
            .OrderBy(p => p.DisplayName).ThenBy(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .AsSplitQuery().ToListAsync(cancellationToken);
    }
}
