using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Security;

namespace SoMeScholar.Core.Portfolio;

public static class PortfolioServices
{
    /// <summary>The portfolio builder, its evidence sources (one per capability that holds evidence), dossiers, PDF rendering and the demo.</summary>
    public static IServiceCollection AddPortfolio(this IServiceCollection services)
    {
        services.AddScoped<IPortfolioSource, ResourcesEvidence>();
        services.AddScoped<IPortfolioSource, PeerReviewEvidence>();
        services.AddScoped<IPortfolioSource, ConferenceEvidence>();
        services.AddScoped<IPortfolioSource, DiscussionEvidence>();
        services.AddScoped<IPortfolioSource, MentoringEvidence>();
        services.AddScoped<IPortfolioSource, NetworkEvidence>();
        services.AddScoped<PortfolioCommunities>();
        services.AddScoped<PortfolioBuilder>();
        services.AddScoped<Dossiers>();
        services.TryAddSingleton(_ => ChromiumOptions.FromEnvironment());
        services.AddSingleton<ChromiumPdf>();
        services.AddScoped<IDemoContribution, PortfolioDemo>();
        services.AddScoped<IDemoContribution, PortfolioDemoCompletion>();
        services.AddScoped<IPersonalDataSource, PortfolioPersonalData>();
        return services;
    }
}
