using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Discussions;

public static class DiscussionsServiceCollectionExtensions
{
    /// <summary>The discussions (capability 5) and the platform's account security: registration, e-mail through the
    /// outbox, API tokens, personal data. Options: <see cref="DiscussionOptions"/> and <see cref="EmailOptions"/>
    /// (configured by the host; defaults otherwise).</summary>
    public static IServiceCollection AddDiscussionsAndSecurity(this IServiceCollection services)
    {
        services.AddOptions<DiscussionOptions>();
        services.AddOptions<EmailOptions>();
        services.Configure<IdentityOptions>(options => options.SignIn.RequireConfirmedAccount = true);
        services.AddScoped<IUserConfirmation<ScholarUser>, ScholarUserConfirmation>();

        services.AddScoped<AuditLog>();
        services.AddScoped<TrustLevels>();
        services.AddScoped<Notifier>();
        services.AddScoped<DiscussionBoard>();
        services.AddScoped<Moderation>();
        services.AddScoped<MemberProfiles>();
        services.AddScoped<DiscussionSubjects>();
        services.AddScoped<IDiscussionSubjects, TopicSubjects>();
        services.AddScoped<IDiscussionSubjects, ResourceSubjects>();
        services.AddScoped<IPersonalDataSource, DiscussionPersonalData>();
        services.AddScoped<IPersonalDataSource, ResourcesPersonalData>();
        services.AddScoped<IDemoContribution, DiscussionsDemo>();

        services.AddScoped<Outbox>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<IEmailSender, SmtpEmailSender>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<Registration>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<AccountPrivacy>();
        return services;
    }
}
