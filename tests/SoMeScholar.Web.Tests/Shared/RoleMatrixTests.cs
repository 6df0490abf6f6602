using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Tests.Discussions;

namespace SoMeScholar.Web.Tests.Shared;

/// <summary>
/// Calls every page and endpoint as a guest, member, reviewer, moderator and administrator, and compares what is
/// allowed with a declared table. A new endpoint without a row fails the test, so every endpoint's audience is decided
/// on purpose. "Allowed" means the request got past authorization (whatever the handler then answered); "denied" is a
/// redirect to sign-in or access-denied (pages) or 401/403 (API).
/// </summary>
public class RoleMatrixTests
{
    private const string Guest = Roles.Guest;
    private const string Member = Roles.Member;
    private const string Reviewer = Roles.Reviewer;
    private const string Moderator = Roles.Moderator;
    private const string Administrator = Roles.Administrator;

    /// <summary>The least role that may call each endpoint (method and route pattern). Roles rank guest &lt; member &lt;
    /// reviewer, moderator (separate duties) &lt; administrator.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        // Pages
        ["GET /"] = Guest,
        ["GET Index"] = Guest,
        ["GET Error"] = Guest,
        ["GET Account/AccessDenied"] = Guest,
        ["GET Account/ChangePassword"] = Member,
        ["GET Account/ConfirmEmail"] = Guest,
        ["GET Account/ForgotPassword"] = Guest,
        ["GET Account/Login"] = Guest,
        ["GET Account/LoginWith2fa"] = Guest,
        ["GET Account/Logout"] = Guest,
        ["GET Account/Notifications"] = Member,
        ["GET Account/Privacy"] = Member,
        ["GET Account/Profile"] = Member,
        ["GET Account/Register"] = Guest,
        ["GET Account/ResetPassword"] = Guest,
        ["GET Account/Security"] = Member,
        ["GET Admin/AuditLog"] = Administrator,
        ["GET Admin/Registration"] = Administrator,
        ["GET Admin/Users"] = Administrator,
        ["GET Archive"] = Guest,
        ["GET Archive/Index"] = Guest,
        ["GET Archive/Account/{id:long}"] = Guest,
        ["GET Archive/Import/{id:long}"] = Guest,
        ["GET Check"] = Guest,
        ["GET Check/Index"] = Guest,
        ["GET Check/Settings"] = Administrator,
        ["GET Discussions"] = Guest,
        ["GET Discussions/Index"] = Guest,
        ["GET Discussions/Comment"] = Member,
        ["GET Discussions/Flag/{commentId:long}"] = Member,
        ["GET Discussions/Members/{userName}"] = Guest,
        ["GET Discussions/Moderation"] = Moderator,
        ["GET Discussions/New"] = Member,
        ["GET Discussions/React"] = Member,
        ["GET Discussions/Rules"] = Guest,
        ["GET Discussions/Thread/{id:long}"] = Guest,
        ["GET Hashtags"] = Guest,
        ["GET Hashtags/Index"] = Guest,
        ["GET Hashtags/Events/{slug}"] = Guest,
        ["GET Hashtags/Events/Index/{slug}"] = Guest,
        ["GET Hashtags/Events/Edit/{slug?}"] = Moderator,
        ["GET Hashtags/Moderate/{slug}"] = Moderator,
        ["GET Hashtags/Print"] = Guest,
        ["GET Hashtags/Wall/{slug}"] = Guest,
        ["GET Mentors"] = Guest,
        ["GET Mentors/Index"] = Guest,
        ["GET Mentors/Admin"] = Administrator,
        ["GET Mentors/Find"] = Member,
        ["GET Mentors/Guidance"] = Guest,
        ["GET Mentors/Introduce"] = Member,
        ["GET Mentors/Introductions"] = Member,
        ["GET Mentors/Mentor/{id:long}"] = Member,
        ["GET Mentors/Profile"] = Member,
        ["GET Network"] = Guest,
        ["GET Network/Index"] = Guest,
        ["GET Network/Analysis/{id:long}"] = Guest,
        ["GET Network/New"] = Member,
        ["GET People"] = Guest,
        ["GET People/Index"] = Guest,
        ["GET People/{slug}"] = Guest,
        ["GET Portfolio"] = Guest,
        ["GET Portfolio/Index"] = Guest,
        ["GET Portfolio/{slug}"] = Guest,
        ["GET Portfolio/Build/{personId:long}"] = Member, // the person or an administrator, enforced by the page (403)
        ["GET Portfolio/Dossier/{id:long}"] = Member, // the person or an administrator, enforced by the page (403)
        ["GET Portfolio/Shared/{token}"] = Guest,
        ["GET Research"] = Guest,
        ["GET Research/Index"] = Guest,
        // Research: members only; study visibility (team membership) is then decided by Core (404 to outsiders).
        ["GET Research/Agreement/{id:long}"] = Member,
        ["GET Research/Analysis/{id:long}"] = Member,
        ["GET Research/Audit/{id:long}"] = Member,
        ["GET Research/Code/{id:long}"] = Member,
        ["GET Research/Codebook/{id:long}"] = Member,
        ["GET Research/DemoLogins"] = Administrator,
        ["GET Research/Exchange/{id:long}"] = Member,
        ["GET Research/Feedback/{token}"] = Guest, // the participants' member-check page, behind its private link
        ["GET Research/Frame/{id:long}"] = Member,
        ["GET Research/Frames/{id:long}"] = Member,
        ["GET Research/MemberChecks/{id:long}"] = Member,
        ["GET Research/Review/{id:long}"] = Member,
        ["GET Research/Snowball/{id:long}"] = Member,
        ["GET Research/Split/{id:long}"] = Member,
        ["GET Research/Study/{id:long}"] = Member,
        ["GET Research/Transcripts/{id:long}"] = Member,
        ["GET Resources"] = Guest,
        ["GET Resources/Index"] = Guest,
        ["GET Resources/Act"] = Member,
        ["GET Resources/Experts"] = Guest,
        ["GET Resources/Instruments"] = Guest,
        ["GET Resources/MyReviews"] = Member,
        ["GET Resources/Review/{id:long}"] = Reviewer,
        ["GET Resources/Submit"] = Member,
        ["GET Resources/{id:long}"] = Guest,
        ["GET Uptake"] = Guest,
        ["GET Uptake/Index"] = Guest,

        // API and infrastructure
        ["GET /health"] = Guest,
        ["GET /openapi/{documentName}.json"] = Guest,
        ["GET /api/me"] = Guest,
        ["GET /api/archive/totals"] = Guest,
        ["GET /api/archive/hashtags"] = Guest,
        ["GET /api/archive/posts"] = Guest,
        ["GET /api/archive/accounts"] = Guest,
        ["GET /api/archive/accounts/{id:long}"] = Guest,
        ["GET /api/archive/imports"] = Guest,
        ["GET /api/archive/imports/{id:long}"] = Guest,
        ["GET /api/users/"] = Administrator,
        ["PUT /api/users/{userName}/role"] = Administrator,
        ["GET /api/account/tokens"] = Member,
        ["POST /api/account/tokens"] = Member,
        ["DELETE /api/account/tokens/{id:long}"] = Member,
        ["GET /api/account/notifications"] = Member,
        ["GET /api/account/export"] = Member,
        ["POST /api/check/"] = Guest,
        ["GET /api/check/settings"] = Administrator,
        ["PUT /api/check/settings"] = Administrator,
        ["GET /api/portfolio/people/{slug}"] = Guest,
        ["GET /api/portfolio/shared/{token}"] = Guest,
        ["GET /api/portfolio/shared/{token}/pdf"] = Guest,
        ["GET /api/portfolio/dossiers/{id:long}"] = Member, // the person or an administrator, enforced by the operation (403)
        ["GET /api/portfolio/dossiers/{id:long}/pdf"] = Member, // the person or an administrator, enforced by the operation (403)
        ["GET /api/discussions/"] = Guest,
        ["GET /api/discussions/threads/{id:long}"] = Guest,
        ["POST /api/discussions/threads"] = Member,
        ["POST /api/discussions/threads/{id:long}/comments"] = Member,
        ["POST /api/discussions/comments/{id:long}/reactions"] = Member,
        ["POST /api/discussions/comments/{id:long}/flags"] = Member,
        ["POST /api/discussions/check"] = Member,
        ["GET /api/discussions/moderation/queue"] = Moderator,
        ["POST /api/discussions/moderation/comments/{id:long}/{decision}"] = Moderator,
        ["POST /api/discussions/moderation/threads/{id:long}/lock"] = Moderator,
        ["GET /api/audit/"] = Administrator,
        ["GET /api/research/studies"] = Member,
        ["GET /api/research/studies/{id:long}"] = Member,
        ["POST /api/research/studies"] = Member,
        ["GET /api/research/studies/{id:long}/frames"] = Member,
        ["GET /api/research/frames/{id:long}"] = Member,
        ["GET /api/research/samples/{id:long}"] = Member,
        ["GET /api/research/frames/{id:long}/csv"] = Member,
        ["GET /api/research/studies/{id:long}/snowball"] = Member,
        ["GET /api/research/studies/{id:long}/snowball.svg"] = Member,
        ["GET /api/research/studies/{id:long}/transcripts"] = Member,
        ["GET /api/research/transcripts/{id:long}"] = Member,
        ["GET /api/research/transcripts/{id:long}/codings"] = Member,
        ["POST /api/research/transcripts/{id:long}/codings"] = Member,
        ["DELETE /api/research/codings/{id:long}"] = Member,
        ["GET /api/research/studies/{id:long}/codebook"] = Member,
        ["GET /api/research/studies/{id:long}/coders"] = Member,
        ["GET /api/research/studies/{id:long}/memos"] = Member,
        ["POST /api/research/studies/{id:long}/memos"] = Member,
        ["GET /api/research/studies/{id:long}/frequencies"] = Member,
        ["GET /api/research/studies/{id:long}/cooccurrence"] = Member,
        ["GET /api/research/studies/{id:long}/themes"] = Member,
        ["GET /api/research/studies/{id:long}/agreement"] = Member,
        ["GET /api/research/studies/{id:long}/disagreements"] = Member,
        ["GET /api/research/studies/{id:long}/audit"] = Member,
        ["GET /api/research/studies/{id:long}/audit.csv"] = Member,
        ["GET /api/research/studies/{id:long}/member-checks"] = Member,
        ["GET /api/research/studies/{id:long}/export/qdc"] = Member,
        ["GET /api/research/studies/{id:long}/export/qdpx"] = Member,
        ["GET /api/research/studies/{id:long}/export/segments.csv"] = Member,
        ["GET /api/network/analyses"] = Guest,
        ["GET /api/network/analyses/{id:long}"] = Guest,
        ["GET /api/network/analyses/{id:long}/progress"] = Guest,
        ["GET /api/network/analyses/{id:long}/graph"] = Guest,
        ["GET /api/network/analyses/{id:long}/nodes/{index:int}"] = Guest,
        ["GET /api/network/analyses/{id:long}/metrics"] = Guest,
        ["GET /api/network/analyses/{id:long}/influencers"] = Guest,
        ["GET /api/network/analyses/{id:long}/export/{format}"] = Guest,
        ["POST /api/network/analyses"] = Member,
        ["POST /api/network/analyses/{id:long}/recompute"] = Member,
        ["POST /api/network/analyses/{id:long}/cancel"] = Member,
        ["DELETE /api/network/analyses/{id:long}"] = Member, // creator or administrator, enforced by the operation (403)
        ["GET /api/resources/"] = Guest,
        ["GET /api/resources/{id:long}"] = Guest,
        ["GET /api/resources/{id:long}/impact"] = Guest,
        ["GET /api/resources/instruments"] = Guest,
        ["GET /api/resources/uptake"] = Guest,
        ["GET /api/resources/experts"] = Guest,
        ["POST /api/resources/"] = Member,
        ["PUT /api/resources/{id:long}"] = Member,
        ["POST /api/resources/{id:long}/revisions"] = Member,
        ["POST /api/resources/{id:long}/retraction"] = Member,
        ["PUT /api/resources/{id:long}/editor"] = Administrator, // enforced by the operation (403)
        ["PUT /api/resources/{id:long}/blinding"] = Member,
        ["POST /api/resources/{id:long}/snapshot"] = Member,
        ["POST /api/resources/{id:long}/assignments"] = Member,
        ["POST /api/resources/{id:long}/volunteer"] = Reviewer, // enforced by the operation (403)
        ["GET /api/resources/assignments/mine"] = Member,
        ["POST /api/resources/assignments/{id:long}/declaration"] = Member,
        ["POST /api/resources/assignments/{id:long}/review"] = Member,
        ["POST /api/resources/reviews/{id:long}/corrections"] = Member,
        ["POST /api/resources/{id:long}/endorsements"] = Member,
        ["DELETE /api/resources/{id:long}/endorsements/mine"] = Member,
        ["POST /api/resources/{id:long}/uptake"] = Member,
        ["DELETE /api/resources/uptake/{id:long}"] = Member,
        ["POST /api/resources/instruments"] = Administrator, // enforced by the operation (403)
        ["PUT /api/resources/instruments/{id:long}/active"] = Administrator, // enforced by the operation (403)
        ["POST /api/resources/experts"] = Administrator, // enforced by the operation (403)
        ["DELETE /api/resources/experts/{id:long}"] = Administrator, // enforced by the operation (403)
        ["GET /api/hashtags/report"] = Guest,
        ["GET /api/hashtags/report.csv"] = Guest,
        ["GET /api/hashtags/report.pdf"] = Guest,
        ["GET /api/hashtags/events"] = Guest,
        ["GET /api/hashtags/events/{slug}/report"] = Guest,
        ["GET /api/hashtags/events/{slug}/report.csv"] = Guest,
        ["GET /api/hashtags/events/{slug}/report.pdf"] = Guest,
        ["GET /api/hashtags/events/{slug}/wall"] = Guest,
        ["GET /api/hashtags/events/{slug}/wall/stream"] = Guest,
        ["GET /api/hashtags/moderation/events/{slug}/stream"] = Moderator,
        ["GET /api/hashtags/moderation/events/{slug}/queue"] = Moderator,
        ["POST /api/hashtags/moderation/events/{slug}/posts/{wallPostId:long}/decision"] = Moderator,
        ["GET /api/mentors/me"] = Member,
        ["GET /api/mentors/profiles"] = Member,
        ["GET /api/mentors/profiles/{id:long}"] = Member,
        ["PUT /api/mentors/me/profile"] = Member,
        ["POST /api/mentors/me/profile/pause"] = Member,
        ["POST /api/mentors/me/profile/resume"] = Member,
        ["POST /api/mentors/me/profile/leave"] = Member,
        ["GET /api/mentors/me/request"] = Member,
        ["PUT /api/mentors/me/request"] = Member,
        ["GET /api/mentors/recommendations"] = Member,
        ["POST /api/mentors/recommendations"] = Member,
        ["GET /api/mentors/guidance"] = Member,
        ["GET /api/mentors/introductions"] = Member,
        ["POST /api/mentors/introductions"] = Member,
        ["POST /api/mentors/introductions/{id:long}/accept"] = Member,
        ["POST /api/mentors/introductions/{id:long}/decline"] = Member,
        ["POST /api/mentors/introductions/{id:long}/withdraw"] = Member,
        ["POST /api/mentors/introductions/{id:long}/end"] = Member,
        ["POST /api/mentors/introductions/{id:long}/block"] = Member,
        ["GET /api/mentors/notifications"] = Member,
        ["POST /api/mentors/notifications/read"] = Member,
        ["GET /api/mentors/weights"] = Administrator,
        ["PUT /api/mentors/weights"] = Administrator,
        ["DELETE /api/mentors/weights"] = Administrator,
        ["GET /api/mentors/index"] = Administrator,
        ["POST /api/mentors/index/rebuild"] = Administrator,
    };

    private static readonly string[] CallerRoles = [Guest, Member, Reviewer, Moderator, Administrator];

    [Fact]
    public async Task Every_endpoint_allows_exactly_the_roles_its_expectation_names()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var threadId = await factory.TopicAsync();
        var commentId = await factory.CommentAsync(threadId, "A published comment with a source https://doi.org/10.1/x");
        var routeValues = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = threadId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["commentId"] = commentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["userName"] = "admin",
            ["slug"] = "nobody",
            ["documentName"] = "v1",
            ["decision"] = "approve",
            ["wallPostId"] = "1",
            ["token"] = "no-such-link",
            ["format"] = "csv",
            ["index"] = "0",
            ["personId"] = "999999",
        };
        var endpoints = Endpoints(factory);
        var missing = endpoints.Where(e => !Expected.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        var stale = Expected.Keys.Where(k => endpoints.All(e => e.Key != k)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a row in the role matrix (add one): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows for endpoints that no longer exist: " + string.Join(", ", stale));

        var clients = new Dictionary<string, HttpClient> { [Guest] = factory.Client() };
        foreach (var role in CallerRoles.Skip(1))
        {
            clients[role] = await factory.SignedInClientAsync(role);
        }

        var wrong = new StringBuilder();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + string.Join("/", endpoint.Pattern.TrimStart('/').Split('/').Select(segment => Fill(segment, routeValues)));
            foreach (var role in CallerRoles)
            {
                var allowed = await IsAllowedAsync(clients[role], endpoint.Method, path, endpoint.IsApi);
                var expected = Allows(Expected[endpoint.Key], role);
                if (allowed != expected)
                {
                    wrong.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{endpoint.Key} as {role}: {(allowed ? "allowed" : "denied")}, expected {(expected ? "allowed" : "denied")}");
                }
            }
        }

        Assert.True(wrong.Length == 0, wrong.ToString());
    }

    private static bool Allows(string least, string caller) => least switch
    {
        Guest => true,
        Member => caller != Guest,
        Reviewer => caller is Reviewer or Administrator,
        Moderator => caller is Moderator or Administrator,
        Administrator => caller == Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(least), least, "unknown role"),
    };

    private static async Task<bool> IsAllowedAsync(HttpClient client, string method, string path, bool isApi)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        // Headers are enough to judge authorization, and a server-sent-event stream never ends its body.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (isApi)
        {
            return response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        }

        var location = response.Headers.Location?.OriginalString ?? "";
        return !(response.StatusCode == HttpStatusCode.Redirect
                 && (location.Contains("/Account/Login?ReturnUrl=", StringComparison.OrdinalIgnoreCase) || location.Contains("/Account/AccessDenied?ReturnUrl=", StringComparison.OrdinalIgnoreCase)));
    }

    private static string Fill(string segment, Dictionary<string, string> values)
    {
        var start = segment.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return segment;
        }

        var end = segment.IndexOf('}', StringComparison.Ordinal);
        var name = segment[(start + 1)..end].Split(':', '=', '?')[0];
        return segment[..start] + (values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"No test value for route parameter '{name}' in '{segment}': add one.")) + segment[(end + 1)..];
    }

    private sealed record EndpointRow(string Key, string Method, string Pattern, bool IsApi);

    private static List<EndpointRow> Endpoints(ScholarWebFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var pattern = e.RoutePattern.RawText ?? "";
                var isPage = e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null
                             || e.Metadata.Any(m => m.GetType().Name.Contains("PageModel", StringComparison.Ordinal) || m is Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor);
                var methods = isPage ? ["GET"] : e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var key = isPage && pattern.Length == 0 ? "/" : pattern;
                return methods.Select(m => new EndpointRow($"{m} {key}", m, pattern.Length == 0 ? "/" : pattern, !isPage));
            })
            .DistinctBy(r => r.Key)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
}
