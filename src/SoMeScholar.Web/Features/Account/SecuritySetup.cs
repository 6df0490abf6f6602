using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Account;

/// <summary>
/// The platform's account security in the web host: personal API tokens as a second authentication scheme
/// (<c>Authorization: Bearer sms_...</c>), chosen per request by a policy scheme; the security-stamp check interval
/// that makes "sign out everywhere", role changes and suspensions reach existing cookies; and the e-mail dispatcher.
/// </summary>
public static class SecuritySetup
{
    public const string ApiTokenScheme = "ApiToken";
    public const string SelectorScheme = "Scholar";

    /// <summary>How often a sign-in cookie is checked against the account's security stamp
    /// (configuration <c>Security:StampValidationInterval</c>, default one minute; Identity's default is 30 minutes).</summary>
    public const string StampIntervalKey = "Security:StampValidationInterval";

    public static IServiceCollection AddScholarSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DiscussionOptions>(configuration.GetSection(DiscussionOptions.Section));
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = configuration.GetValue(StampIntervalKey, TimeSpan.FromMinutes(1)));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenScheme, null)
            .AddPolicyScheme(SelectorScheme, "Cookie or API token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? ApiTokenScheme : IdentityConstants.ApplicationScheme);
        services.Configure<AuthenticationOptions>(options => options.DefaultScheme = SelectorScheme);
        services.AddHostedService<OutboxDispatchService>();
        return services;
    }

    /// <summary>The address links in e-mails start with: Email:SiteUrl when set (recommended), else this request's origin.</summary>
    public static string SiteUrl(this HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IOptions<EmailOptions>>().Value.SiteUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static Actor Actor(this ClaimsPrincipal user) => new(user.UserId(), user.DisplayName());
}

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> with a personal API token; suspended or locked accounts fail.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens,
    UserManager<ScholarUser> users,
    IUserClaimsPrincipalFactory<ScholarUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var userId = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (userId is null)
        {
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("The account is suspended or locked.");
        }

        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
