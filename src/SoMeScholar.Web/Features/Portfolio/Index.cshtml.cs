using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Portfolio;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public CapabilityIntro Intro { get; } = new(Sections.Get(7), [
        "A person's scholarship portfolio: resources, reviews given, discussion contributions, conference participation, network measures and mentoring over time.",
        "A promotion dossier mapped to Sherbino et al. 2015 and Husain et al. 2020, exported as PDF and JSON, with a revocable read-only link.",
    ], "Each person's page in the People directory already lists their accounts and recent posts.");
}
