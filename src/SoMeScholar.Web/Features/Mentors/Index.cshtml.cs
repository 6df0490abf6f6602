using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Mentors;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public CapabilityIntro Intro { get; } = new(Sections.Get(8), [
        "Mentor profiles with topics, specialty, time zone, languages and capacity; trainees state what they seek.",
        "Recommendations ranked by interest similarity and network proximity, each with a plain-language reason, and introduction requests.",
    ], "The People directory already shows who is a mentor in the demo community.");
}
