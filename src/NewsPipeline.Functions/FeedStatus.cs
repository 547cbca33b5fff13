using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Api;

namespace NewsPipeline.Functions;

/// <summary><c>GET /api/feeds</c>: each feed's last attempt, last success, status, validators and errors.</summary>
public sealed class FeedStatus(FeedsEndpoint feeds, StorageGuard guard)
{
    [Function(nameof(FeedStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", Route = ApiRoutes.Feeds)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => feeds.HandleAsync(context));
        return new EmptyResult();
    }
}
