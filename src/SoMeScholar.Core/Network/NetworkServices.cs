using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Demo;

namespace SoMeScholar.Core.Network;

public static class NetworkServices
{
    /// <summary>Selection → graph, stored analyses, influencers and portfolio queries, exports, the job queue, the demo's analyses.</summary>
    public static IServiceCollection AddNetwork(this IServiceCollection services)
    {
        services.AddSingleton<NetworkJobs>();
        services.AddScoped<SelectionGraphBuilder>();
        services.AddScoped<NetworkAnalyses>();
        services.AddScoped<NetworkInfluencers>();
        services.AddScoped<NetworkExport>();
        services.AddScoped<IDemoContribution, NetworkDemo>();
        return services;
    }
}
