using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Functions;

/// <summary>
/// <c>GET /api/feeds</c>: every feed of the registry, its schedule and health (JSON, or OPML with <c>?format=opml</c>).
/// POST and DELETE belong to <see cref="EditFeeds"/>, behind a function key.
/// </summary>
public sealed class FeedStatus(FeedsEndpoint feeds, StorageGuard guard)
{
    [Function(nameof(FeedStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "put", "patch", "options", Route = ApiRoutes.Feeds)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => feeds.HandleAsync(context));
        return new EmptyResult();
    }
}
