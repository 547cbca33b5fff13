using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Api;

namespace NewsPipeline.Functions;

/// <summary><c>GET /api/items</c>: the newest articles, served by the same endpoint code as <c>newsfeed run</c>.</summary>
public sealed class LatestItems(ItemsEndpoint items)
{
    [Function(nameof(LatestItems))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items")] HttpRequest request)
    {
        await items.HandleAsync(request.HttpContext);
        // The endpoint has written the response itself.
        return new EmptyResult();
    }
}
