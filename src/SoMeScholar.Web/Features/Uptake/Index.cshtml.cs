using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Uptake;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public CapabilityIntro Intro { get; } = new(Sections.Get(6), [
        "'I used this' reports: teaching tool, research methodology, theoretical framework or clinical practice change, with setting and audience.",
        "Each report mapped to its Knowledge-to-Action phase (Graham et al. 2006), aggregated per resource and per author.",
    ], "People and their accounts are already linked, so reports will attach to the right authors.");
}
