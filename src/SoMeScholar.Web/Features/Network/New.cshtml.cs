using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Network;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Network;

/// <summary>Build an analysis from an archive selection (members). It is queued and runs in the background.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class NewModel(NetworkAnalyses analyses, NetworkJobs jobs) : PageModel
{
    [BindProperty]
    public AnalysisForm Form { get; set; } = new() { Kinds = "mention,reply,repost,quote", Measures = "indegree,outdegree,pagerank,eigenvector,betweenness,community" };

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        AnalysisRequest request;
        try
        {
            request = Form.ToRequest(User);
        }
        catch (ArgumentException e)
        {
            Error = e.Message;
            return Page();
        }

        var analysis = await analyses.CreateAsync(request, cancellationToken);
        jobs.Enqueue(analysis.Id);
        return Redirect($"/Network/Analysis/{analysis.Id}");
    }
}
