using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Resources;

namespace SoMeScholar.Web.Features.Resources;

[AllowAnonymous]
public sealed class IndexModel(ResourceCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true)]
    public ResourceType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Specialty { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Badge { get; set; }

    [BindProperty(SupportsGet = true)]
    public ResourceSort Sort { get; set; } = ResourceSort.Newest;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public const int PageSize = 25;
    public ResourcePage Results { get; private set; } = new([], 0);
    public IReadOnlyList<(string Topic, int Resources)> Topics { get; private set; } = [];
    public IReadOnlyList<string> Specialties { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Results = await catalog.SearchAsync(new ResourceQuery { Text = Query, Topic = Topic, Type = Type, Specialty = Specialty, Badge = Badge, Sort = Sort, Skip = (PageNumber - 1) * PageSize, Take = PageSize }, cancellationToken);
        Topics = await catalog.TopicsAsync(30, cancellationToken);
        Specialties = await catalog.SpecialtiesAsync(cancellationToken);
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Query, ["topic"] = Topic, ["type"] = Type?.ToString(), ["specialty"] = Specialty, ["badge"] = Badge, ["sort"] = Sort.ToString(), ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToString();
}
