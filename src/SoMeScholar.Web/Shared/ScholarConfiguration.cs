using SoMeScholar.Core.Data;

namespace SoMeScholar.Web.Shared;

/// <summary>
/// Reads the store and demo settings from configuration. The friendly environment variables SOMESCHOLAR_DATABASE and
/// SOMESCHOLAR_DATA work as well as the ASP.NET forms Database__ConnectionString and Database__DataDirectory.
/// </summary>
public static class ScholarConfiguration
{
    public const string ConnectionStringKey = "Database:ConnectionString";
    public const string DataDirectoryKey = "Database:DataDirectory";
    public const string DemoEnabledKey = "Demo:Enabled";
    public const string DemoSeedKey = "Demo:Seed";

    public static StoreLocation ResolveStore(IConfiguration configuration) =>
        StoreLocation.Resolve(
            configuration[ConnectionStringKey] ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_DATABASE"),
            configuration[DataDirectoryKey] ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_DATA"));

    public static bool DemoEnabled(IConfiguration configuration) => configuration.GetValue(DemoEnabledKey, true);

    public static int DemoSeed(IConfiguration configuration) => configuration.GetValue(DemoSeedKey, Core.Demo.DemoCommunity.DefaultSeed);
}
