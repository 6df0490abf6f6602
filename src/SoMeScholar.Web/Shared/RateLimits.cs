using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SoMeScholar.Web.Shared;

/// <summary>
/// Named rate-limit policies, partitioned by signed-in user or else by client address. Pages and endpoints opt in with
/// <c>[EnableRateLimiting(RateLimits.SignIn)]</c> or <c>.RequireRateLimiting(RateLimits.Posting)</c>.
/// Over the limit the caller gets 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string Posting = "posting";
    public const string Flagging = "flagging";
    public const string Requests = "requests";
    public const string Checking = "checking";

    public static IServiceCollection AddScholarRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        // Tests and private deployments can raise limits: RateLimits:Multiplier (default 1).
        var multiplier = Math.Max(1, configuration.GetValue("RateLimits:Multiplier", 1));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            Add(options, SignIn, 10 * multiplier, TimeSpan.FromMinutes(1));
            Add(options, Registration, 5 * multiplier, TimeSpan.FromMinutes(10));
            Add(options, Posting, 20 * multiplier, TimeSpan.FromMinutes(1));
            Add(options, Flagging, 20 * multiplier, TimeSpan.FromMinutes(10));
            Add(options, Requests, 5 * multiplier, TimeSpan.FromHours(1));
            Add(options, Checking, 120 * multiplier, TimeSpan.FromMinutes(1));
        });
    }

    private static void Add(RateLimiterOptions options, string name, int permits, TimeSpan window) =>
        options.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
            Partition(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

    private static string Partition(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? "user:" + user : "ip:" + context.Connection.RemoteIpAddress;
}
