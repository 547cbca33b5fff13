using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /feed/{name}</c>: one feed's items on the reading page.</summary>
public sealed class FeedPage(TimelineViews view, StorageGuard guard)
{
    [Function(nameof(FeedPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Feed)] HttpRequest request, string name)
    {
        await guard.RunAsync(request.HttpContext, context => view.FeedAsync(context, name));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
