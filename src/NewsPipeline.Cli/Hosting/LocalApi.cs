using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Api;

namespace NewsPipeline.Cli.Hosting;

/// <summary>The Functions app's HTTP routes, on the same Core endpoints, for `newsfeed run`.</summary>
internal static class LocalApi
{
    public static IEndpointRouteBuilder MapNewsPipelineApi(this IEndpointRouteBuilder routes)
    {
        // Map every method: the endpoint itself answers 405 for what it does not serve, as in Azure.
        routes.Map("/api/items", context => context.RequestServices.GetRequiredService<ItemsEndpoint>().HandleAsync(context));
        routes.Map("/api/feeds", context => context.RequestServices.GetRequiredService<FeedsEndpoint>().HandleAsync(context));
        return routes;
    }
}
