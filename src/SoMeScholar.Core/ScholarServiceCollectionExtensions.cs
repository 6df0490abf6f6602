using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Network;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core;

/// <summary>The one composition root both hosts (Web and Cli) call: the store, Identity and every capability's services.</summary>
public static class ScholarServiceCollectionExtensions
{
    public static IdentityBuilder AddSoMeScholar(this IServiceCollection services, StoreLocation store)
    {
        services.AddSingleton(store);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<ScholarDb>(options => ConfigureStore(options, store));
        services.AddDataProtection().SetApplicationName("SoMeScholar");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new StoreXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));

        var identity = services
            .AddIdentityCore<ScholarUser>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ScholarDb>()
            .AddDefaultTokenProviders();

        services.AddScoped<SchemaMigrator>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<StoreInitializer>();
        services.AddScoped<ArchiveOverview>();
        services.AddScoped<ArchiveImport>().AddScoped<ArchiveFetch>().AddScoped<ArchiveFetchCursors>().AddScoped<ImportHistory>();
        services.AddScoped<DemoCommunity>();
        services.AddDiscussionsAndSecurity();
        services.AddScoped<ProfessionalismService>();
        services.AddResources();
        services.AddMentors();
        services.AddHashtags();
        services.AddPortfolio();
        services.AddResearch();
        services.AddNetwork();
        return identity;
    }

    public static void ConfigureStore(DbContextOptionsBuilder options, StoreLocation store)
    {
        if (store.Provider == DatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(store.ConnectionString, npgsql => npgsql.CommandTimeout(300));
        }
        else
        {
            options.UseSqlite(store.ConnectionString, sqlite => sqlite.CommandTimeout(300));
        }
    }

    /// <summary>A context outside dependency injection, for tools and tests.</summary>
    public static ScholarDb CreateDb(StoreLocation store)
    {
        var options = new DbContextOptionsBuilder<ScholarDb>();
        ConfigureStore(options, store);
        return new ScholarDb(options.Options);
    }
}
