using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Resources;

/// <summary>How pages and endpoints turn the signed-in user into a <see cref="ResourceActor"/> and Core's refusals into HTTP answers.</summary>
public static class ResourceWeb
{
    public static async Task<ResourceActor?> ActorAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return null;
        }

        var roles = Roles.Assignable.Where(user.IsInRole);
        return await context.RequestServices.GetRequiredService<ResourceActors>().ForUserAsync(id, roles, user.DisplayName(), context.RequestAborted);
    }

    /// <summary>Runs a Core operation for an API endpoint: 401 for guests, 403 when refused, 404 when missing, 400 with the reason otherwise.</summary>
    public static async Task<IResult> RunAsync(HttpContext context, Func<ResourceActor, Task<IResult>> operation)
    {
        var actor = await ActorAsync(context);
        if (actor is null)
        {
            return Results.Unauthorized();
        }

        try
        {
            return await operation(actor);
        }
        catch (ResourceAccessDeniedException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (ResourceNotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (ResourceRuleException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [e.Field ?? "request"] = [e.Message] });
        }
        catch (SoMeScholar.Core.Reviews.InstrumentValidationException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["definition"] = [.. e.Problems] });
        }
    }

    /// <summary>Runs a Core operation for a page handler; refusals become the sign-in page (guests) or access denied, rule breaks a message.</summary>
    public static async Task<IActionResult> RunAsync(PageModel page, Func<ResourceActor, Task<IActionResult>> operation, Func<string, IActionResult> onRuleBroken)
    {
        var actor = await ActorAsync(page.HttpContext);
        if (actor is null)
        {
            return page.Challenge();
        }

        try
        {
            return await operation(actor);
        }
        catch (ResourceAccessDeniedException)
        {
            return page.Forbid();
        }
        catch (ResourceNotFoundException)
        {
            return page.NotFound();
        }
        catch (ResourceRuleException e)
        {
            return onRuleBroken(e.Message);
        }
        catch (SoMeScholar.Core.Reviews.InstrumentValidationException e)
        {
            return onRuleBroken(string.Join(" ", e.Problems));
        }
    }

    public static string TypeLabel(ResourceType type) => type switch
    {
        ResourceType.BlogPost => "Blog post",
        ResourceType.PodcastEpisode => "Podcast episode",
        ResourceType.Thread => "Thread / tweetorial",
        _ => type.ToString(),
    };

    public static string UseLabel(UptakeType type) => type switch
    {
        UptakeType.TeachingTool => "Teaching tool",
        UptakeType.ResearchMethodology => "Research methodology",
        UptakeType.TheoreticalFramework => "Theoretical framework",
        UptakeType.ClinicalPracticeChange => "Clinical practice change",
        _ => type.ToString(),
    };
}
