using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Functions;

/// <summary><c>GET /api/items</c>: the newest articles, served by the same endpoint code as <c>newsfeed run</c>.</summary>
public sealed class LatestItems(ItemsEndpoint items, StorageGuard guard)
{
    // No methods named: every method reaches the endpoint, which answers 405 itself (ApiRoutes).
    [Function(nameof(LatestItems))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Items)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => items.HandleAsync(context));
        // The endpoint has written the response itself.
        return new EmptyResult();
    }
}
