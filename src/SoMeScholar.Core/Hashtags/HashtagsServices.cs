using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SoMeScholar.Core.Demo;

namespace SoMeScholar.Core.Hashtags;

public static class HashtagsServices
{
    /// <summary>Hashtag analytics, events and the live wall (one line in the composition root).</summary>
    public static IServiceCollection AddHashtags(this IServiceCollection services)
    {
        services.AddSingleton<HashtagReportCache>();
        services.AddScoped<HashtagAnalytics>();
        services.AddScoped<EventCatalog>();
        services.AddScoped<EventSubjects>();
        services.AddScoped<Discussions.IDiscussionSubjects>(provider => provider.GetRequiredService<EventSubjects>());
        services.AddSingleton<WallHub>();
        services.TryAddSingleton(provider => WallOptions.From(provider.GetService<Microsoft.Extensions.Configuration.IConfiguration>(), provider.GetRequiredService<Data.StoreLocation>()));
        services.AddScoped<WallService>();
        services.AddHttpClient("wall", client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WallRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<WallRunner>());
        services.AddScoped<IDemoContribution, HashtagsDemo>();
        return services;
    }
}
