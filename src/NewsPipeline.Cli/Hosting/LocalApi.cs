using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Api;

namespace NewsPipeline.Cli.Hosting;

/// <summary>The Functions app's HTTP routes, on the same Core endpoints, for `newsfeed run`.</summary>
internal static class LocalApi
{
    public static IEndpointRouteBuilder MapNewsPipelineApi(this IEndpointRouteBuilder routes)
    {
        // Map every method: the endpoints themselves answer 405 for what they do not serve, as in Azure.
        routes.Map(ApiRoutes.Prefix + ApiRoutes.Items,
            context => context.RequestServices.GetRequiredService<ItemsEndpoint>().HandleAsync(context));
        routes.Map(ApiRoutes.Prefix + ApiRoutes.ItemById,
            context => context.RequestServices.GetRequiredService<ItemEndpoint>().HandleAsync(context, context.GetRouteValue("id") as string));
        routes.Map(ApiRoutes.Prefix + ApiRoutes.Health,
            context => context.RequestServices.GetRequiredService<HealthEndpoint>().HandleAsync(context));
        routes.Map(ApiRoutes.Prefix + ApiRoutes.Feeds,
            context => context.RequestServices.GetRequiredService<FeedsEndpoint>().HandleAsync(context));
        return routes;
    }
}
