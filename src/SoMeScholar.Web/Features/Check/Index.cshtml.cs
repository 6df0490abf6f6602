using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Check;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public CapabilityIntro Intro { get; } = new(Sections.Get(9), [
        "Paste a draft and see possible patient identifiers, unprofessional language, undisclosed conflicts and unsourced claims highlighted in place, with suggestions.",
        "The same check as a JSON API and as 'somescholar check', and a de-identification mode for research transcripts.",
    ], "Until then, the ACP/FSMB guidance applies: keep patients unidentifiable in every post.");
}
