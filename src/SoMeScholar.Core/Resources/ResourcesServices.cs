using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Reviews;

namespace SoMeScholar.Core.Resources;

public static class ResourcesServices
{
    /// <summary>The registry, reviews, endorsements, impact and uptake operations, and their demo contribution.</summary>
    public static IServiceCollection AddResources(this IServiceCollection services)
    {
        services.TryAddSingleton(new SnapshotOptions());
        services.TryAddSingleton(provider => new SnapshotFetcher(provider.GetRequiredService<SnapshotOptions>()));
        services.AddScoped<ResourceRegistry>();
        services.AddScoped<ResourceCatalog>();
        services.AddScoped<ResourceActors>();
        services.AddScoped<Endorsements>();
        services.AddScoped<UptakeReporting>();
        services.AddScoped<LinkIndex>();
        services.AddScoped<ResourceImpact>();
        services.AddScoped<RegistryTransfer>();
        services.AddScoped<InstrumentCatalog>();
        services.AddScoped<ReviewWorkflow>();
        services.AddScoped<ReviewAggregates>();
        services.AddScoped<IDemoContribution, ResourcesDemo>();
        return services;
    }
}
