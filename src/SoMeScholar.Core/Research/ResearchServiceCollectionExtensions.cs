using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Demo;

namespace SoMeScholar.Core.Research;

public static class ResearchServiceCollectionExtensions
{
    /// <summary>The research toolkit's operations and its part of the demo community.</summary>
    public static IServiceCollection AddResearch(this IServiceCollection services)
    {
        services.AddScoped<StudyAccess>();
        services.AddScoped<Studies>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<Codebook>();
        services.AddScoped<SamplingFrames>();
        services.AddScoped<Snowball>();
        services.AddScoped<Transcripts>();
        services.AddScoped<CodingWorkbench>();
        services.AddScoped<Analysis>();
        services.AddScoped<MemberChecks>();
        services.AddScoped<RefiQda>();
        services.AddScoped<ResearchDemoLogins>();
        services.AddScoped<IDemoContribution, ResearchDemo>();
        return services;
    }
}
