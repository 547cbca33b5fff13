using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Functions;

/// <summary><c>GET /api/stories</c>: the latest stories, each with the reports of its event across outlets.</summary>
public sealed class LatestStories(StoriesEndpoint stories, StorageGuard guard)
{
    // No methods named: every method reaches the endpoint, which answers 405 itself (ApiRoutes).
    [Function(nameof(LatestStories))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Stories)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => stories.HandleListAsync(context));
        return new EmptyResult();
    }
}
