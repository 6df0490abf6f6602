using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SoMeScholar.Web.Tests.Shared;

public class AuthorizationMetadataTests
{
    [Fact]
    public async Task Every_page_and_endpoint_names_a_policy_or_allows_anonymous_explicitly()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var unmarked = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints found");
        Assert.True(unmarked.Count == 0, "Endpoints without an explicit policy or [AllowAnonymous]: " + string.Join(", ", unmarked));
    }
}
