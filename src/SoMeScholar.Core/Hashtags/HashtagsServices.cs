using Microsoft.Extensions.DependencyInjection;

namespace SoMeScholar.Core.Hashtags;

public static class HashtagsServices
{
    /// <summary>Hashtag analytics, events and the live wall (one line in the composition root).</summary>
    public static IServiceCollection AddHashtags(this IServiceCollection services)
    {
        services.AddSingleton<HashtagReportCache>();
        services.AddScoped<HashtagAnalytics>();
        return services;
    }
}
