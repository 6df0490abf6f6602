using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SoMeScholar.Core.Discussions;

namespace SoMeScholar.Web.Features.Discussions;

[AllowAnonymous]
public sealed class RulesModel(IOptions<DiscussionOptions> options) : PageModel
{
    public DiscussionOptions Options => options.Value;

    public void OnGet()
    {
    }
}
