using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Web.Accounts;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.GoogleReader;

namespace NewsPipeline.Cli.Hosting;

/// <summary>The Functions app's HTTP routes, on the same Core endpoints, for `newsfeed run`.</summary>
internal static class LocalApi
{
    public static IEndpointRouteBuilder MapNewsPipelineApi(this IEndpointRouteBuilder routes)
    {
        // Map every method: the endpoints themselves answer 405 for what they do not serve, as in Azure.
        routes.Map(ApiRoutes.Items,
            context => Guarded(context, c => c.RequestServices.GetRequiredService<ItemsEndpoint>().HandleAsync(c)));
        routes.Map(ApiRoutes.ItemById,
            context => Guarded(context, c => c.RequestServices.GetRequiredService<ItemEndpoint>().HandleAsync(c, c.GetRouteValue("id") as string)));
        routes.Map(ApiRoutes.Changes,
            context => Guarded(context, c => c.RequestServices.GetRequiredService<ChangesEndpoint>().HandleAsync(c)));
        routes.Map(ApiRoutes.Stories,
            context => Guarded(context, c => c.RequestServices.GetRequiredService<StoriesEndpoint>().HandleListAsync(c)));
        routes.Map(ApiRoutes.StoryById,
            context => Guarded(context, c => c.RequestServices.GetRequiredService<StoriesEndpoint>().HandleOneAsync(c, c.GetRouteValue("id") as string)));
        routes.Map(ApiRoutes.Health,
            context => Guarded(context, c => c.RequestServices.GetRequiredService<HealthEndpoint>().HandleAsync(c)));
        // As in Azure: reading the feeds is anonymous, changing them needs the key (there, a function key).
        routes.Map(ApiRoutes.Feeds, context => HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method)
            ? Changes(context, null, null)
            : Guarded(context, c => c.RequestServices.GetRequiredService<FeedsEndpoint>().HandleAsync(c)));
        routes.MapMethods(ApiRoutes.FeedEdits, ["POST", "DELETE"],
            context => Changes(context, context.GetRouteValue("name") as string, context.GetRouteValue("action") as string));
        routes.Map(ApiRoutes.GoogleReader.Replace("{*path}", "{**path}", StringComparison.Ordinal),
            context => Guarded(context, c => c.RequestServices.GetRequiredService<GoogleReaderEndpoint>().HandleAsync(c, c.GetRouteValue("path") as string)));
        routes.Map(ApiRoutes.Accounts, async context =>
        {
            if (await context.RequestServices.GetRequiredService<AdminKeyGate>().AllowAsync(context).ConfigureAwait(false))
            {
                await Guarded(context, c => c.RequestServices.GetRequiredService<AccountsEndpoint>()
                    .HandleAsync(c, c.GetRouteValue("name") as string, c.GetRouteValue("action") as string)).ConfigureAwait(false);
            }
        });
        return routes;
    }

    private static async Task Changes(HttpContext context, string? name, string? action)
    {
        if (await context.RequestServices.GetRequiredService<AdminKeyGate>().AllowAsync(context).ConfigureAwait(false))
        {
            await Guarded(context, c => c.RequestServices.GetRequiredService<FeedEditsEndpoint>().HandleAsync(c, name, action)).ConfigureAwait(false);
        }
    }

    // As in the Functions app: every endpoint within the storage budget, a storage outage answered 503.
    private static Task Guarded(HttpContext context, Func<HttpContext, Task> endpoint) =>
        context.RequestServices.GetRequiredService<StorageGuard>().RunAsync(context, endpoint);
}
