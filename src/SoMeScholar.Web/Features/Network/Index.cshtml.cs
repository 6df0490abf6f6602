using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Network;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public CapabilityIntro Intro { get; } = new(Sections.Get(2), [
        "Build a graph from an archive selection: platforms, hashtags, time window, edge kinds, accounts.",
        "In-degree, eigenvector, betweenness (exact and sampled), PageRank, closeness, clustering, k-core, components and communities, with networkx and NodeXL semantics.",
        "The influencer method of Riddell et al. 2017: top k on several measures, their union and intersection.",
        "An interactive network view coloured by community and sized by a chosen measure; CSV, GraphML and GEXF downloads.",
    ], "The archive's follow and interaction edges are already stored and browsable in the Archive section.");
}
