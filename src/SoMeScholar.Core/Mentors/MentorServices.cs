using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Security;

namespace SoMeScholar.Core.Mentors;

public static class MentorServices
{
    /// <summary>Registers the mentoring operations, the shared index cache and the demo contribution.</summary>
    public static IServiceCollection AddMentors(this IServiceCollection services)
    {
        services.AddSingleton<MentorIndexProvider>();
        services.AddScoped<MentorPeople>();
        services.AddScoped<MentorProfiles>();
        services.AddScoped<TraineeRequests>();
        services.AddScoped<Introductions>();
        services.AddScoped<MentorSettings>();
        services.AddScoped<MentorRecommendations>();
        services.AddScoped<TraineeGuidance>();
        services.AddScoped<IDemoContribution, MentorsDemo>();
        services.AddScoped<IPersonalDataSource, MentorsPersonalData>();
        return services;
    }
}
