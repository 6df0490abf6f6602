using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Tests.Discussions;

namespace SoMeScholar.Web.Tests.Shared;

/// <summary>
/// Every page refuses a POST without its antiforgery token (400), and every form the pages render, posted with its
/// own fields minus the token, is refused too. Forms are collected by visiting every page as an administrator (and
/// the thread, flag and member pages with real ids, where the discussion forms are).
/// </summary>
public class AntiforgeryCoverageTests
{
    [Fact]
    public async Task Every_page_and_every_form_refuses_a_post_without_the_antiforgery_token()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var thread = await factory.TopicAsync();
        var comment = await factory.CommentAsync(thread, "A comment to act on, https://doi.org/10.1/x");
        var admin = await factory.SignedInClientAsync(Roles.Administrator);
        var (member, memberName) = await factory.MemberClientAsync(TrustLevel.Basic);

        var pageEndpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToList();
        // The error page re-executes failed requests of any method (including a POST refused for its token) and
        // changes nothing, so it alone opts out; any other page that does fails here.
        var exempt = pageEndpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute>() is not null).Select(e => e.RoutePattern.RawText).Distinct().ToList();
        Assert.Equal(["Error"], exempt);
        var pages = pageEndpoints
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute>() is null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "")
                .Replace("{id:long}", thread.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{commentId:long}", comment.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{userName}", memberName, StringComparison.Ordinal)
                .Replace("{slug}", "nobody", StringComparison.Ordinal)
                .Replace("{personId:long}", "1", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var failures = new List<string>();
        var forms = new HashSet<(string Action, string Fields)>();

        foreach (var page in pages)
        {
            foreach (var client in new[] { admin, member })
            {
                var response = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
                if (response.StatusCode != HttpStatusCode.BadRequest && !DeniedBeforeReachingThePage(response))
                {
                    failures.Add($"POST {page} without a token: {(int)response.StatusCode}");
                }

                var get = await client.GetAsync(page);
                if (get.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                var document = new HtmlParser().ParseDocument(await get.Content.ReadAsStringAsync());
                foreach (var form in document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
                {
                    var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page;
                    if (form.QuerySelector("input[name=__RequestVerificationToken]") is null)
                    {
                        failures.Add($"form on {page} posting to {action} has no antiforgery field");
                    }

                    var fields = form.QuerySelectorAll("input[name], textarea[name], select[name], button[name]")
                        .Select(f => f.GetAttribute("name")!)
                        .Where(n => n != "__RequestVerificationToken");
                    forms.Add((action.Replace("&amp;", "&", StringComparison.Ordinal), string.Join("&", fields.Distinct())));
                }
            }
        }

        foreach (var (action, fields) in forms)
        {
            var values = fields.Split('&', StringSplitOptions.RemoveEmptyEntries).ToDictionary(f => f, _ => "1");
            var response = await admin.PostAsync(action, new FormUrlEncodedContent(values));
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"form posting to {action} without a token: {(int)response.StatusCode}");
            }
        }

        Assert.True(forms.Count >= 15, $"only {forms.Count} forms found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A caller without the page's role is turned away by authorization before antiforgery runs; nothing was processed.</summary>
    private static bool DeniedBeforeReachingThePage(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.OriginalString is { } location
        && (location.Contains("/Account/AccessDenied?ReturnUrl=", StringComparison.Ordinal) || location.Contains("/Account/Login?ReturnUrl=", StringComparison.Ordinal));
}
