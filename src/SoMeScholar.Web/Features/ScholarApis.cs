using SoMeScholar.Web.Features.Account;
using SoMeScholar.Web.Features.Admin;
using SoMeScholar.Web.Features.Archive;
using SoMeScholar.Web.Features.Check;
using SoMeScholar.Web.Features.Discussions;
using SoMeScholar.Web.Features.Hashtags;
using SoMeScholar.Web.Features.Mentors;
using SoMeScholar.Web.Features.Network;
using SoMeScholar.Web.Features.Portfolio;
using SoMeScholar.Web.Features.Research;
using SoMeScholar.Web.Features.Resources;

namespace SoMeScholar.Web.Features;

/// <summary>Maps every feature's JSON API. Each feature owns one Map…Api extension in its folder.</summary>
public static class ScholarApis
{
    public static IEndpointRouteBuilder MapScholarApis(this IEndpointRouteBuilder app)
    {
        app.MapMeApi();
        app.MapArchiveApi();
        app.MapUsersApi();
        app.MapAccountApi();
        app.MapDiscussionsApi();
        app.MapAuditApi();
        app.MapCheckApi();
        app.MapResourcesApi();
        app.MapMentorsApi();
        app.MapHashtagsApi();
        app.MapPortfolioApi();
        app.MapResearchApi();
        app.MapNetworkApi();
        return app;
    }
}
