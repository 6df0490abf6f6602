using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Resources;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public CapabilityIntro Intro { get; } = new(Sections.Get(4), [
        "A registry of open-access education resources (blogs, podcasts, videos, threads, infographics, slides, papers) with archived snapshots.",
        "Peer review with versioned instruments: rMETRIQ and the ALiEM AIR score, conflict-of-interest declarations, blinding, inter-rater reliability and badges.",
        "Endorsements by members and verified experts, shown apart, and impact measured from the archive.",
    ], "Links to resources shared in posts are already kept in the archive.");
}
