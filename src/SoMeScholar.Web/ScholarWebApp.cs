using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using SoMeScholar.Core;
using SoMeScholar.Core.Data;
using SoMeScholar.Web.Features;
using SoMeScholar.Web.Features.Account;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web;

/// <summary>
/// Builds and starts the web application. Used by this project's Program.cs, by <c>somescholar serve</c> and by the
/// tests' WebApplicationFactory, so all three run the same host.
/// </summary>
public static class ScholarWebApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ScholarWebApp).Assembly.GetName().Name,
            ContentRootPath = ContentRoot(),
        });
        configure?.Invoke(builder);
        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>Builds, prepares the store (migrations, first administrator, demo) and serves until stopped.</summary>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplication app;
        try
        {
            app = Build(args, configure);
            await app.Services.GetRequiredService<StartupTasks>().RunAsync(app.Lifetime.ApplicationStopping);
        }
        catch (StoreConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        await app.RunAsync();
        return 0;
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var store = ScholarConfiguration.ResolveStore(builder.Configuration);
        services.AddSoMeScholar(store)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ScholarClaimsPrincipalFactory>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "somescholar.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(7);
            options.Events = new CookieAuthenticationEvents
            {
                // API callers get status codes, not a redirect to the sign-in page.
                OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden),
                OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
            };
        });
        services.AddScholarSecurity(builder.Configuration);
        services.AddScholarAuthorization();
        services.AddScholarRateLimits(builder.Configuration);
        services.AddAntiforgery(options => options.Cookie.Name = "somescholar.antiforgery");
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Features";
        });
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SoMeScholar API";
            document.Info.Description = "JSON API over the same operations as the web pages and the command line.";
            document.Info.Version = SchemaMigrator.AppVersion;
            return Task.CompletedTask;
        }));
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.AddSingleton<StartupTasks>();
        services.AddHostedService<Features.Network.NetworkJobRunner>();
        services.AddScoped<DemoBanner>();
        services.AddSingleton(new DemoSettings(ScholarConfiguration.DemoEnabled(builder.Configuration), ScholarConfiguration.DemoSeed(builder.Configuration)));
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMustChangePassword();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapScholarApis();
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Where wwwroot is: beside the binaries when started by the CLI (which copies the web assets to its output),
    /// otherwise the default (the current directory, or what a test host sets).
    /// </summary>
    private static string? ContentRoot()
    {
        var baseDirectory = AppContext.BaseDirectory;
        return Directory.Exists(Path.Combine(baseDirectory, "wwwroot")) && !Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"))
            ? baseDirectory
            : null;
    }
}

public sealed record DemoSettings(bool Enabled, int Seed);

/// <summary>Sends signed-in users who still hold a one-time password to the change-password page first.</summary>
public static class MustChangePasswordMiddleware
{
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.MustChangePassword()
            && !path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect("/Account/ChangePassword");
            return;
        }

        await next();
    });
}
