using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Research;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public CapabilityIntro Intro { get; } = new(Sections.Get(10), [
        "Studies with ethics references and team roles; sampling frames from influence rankings or hashtag participation, with recorded seeds.",
        "A snowball-sampling tracker, a qualitative coding workbench with codebook audit trail, inter-coder agreement, member check and REFI-QDA exchange.",
    ], "The archive and its interaction graph already hold what sampling frames will be drawn from.");
}
