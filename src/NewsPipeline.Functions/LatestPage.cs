using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /</c>: the reading page's latest items (docs/page.md), the same view code as <c>newsfeed run</c>.</summary>
public sealed class LatestPage(TimelineViews view, StorageGuard guard)
{
    [Function(nameof(LatestPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Latest)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => view.LatestAsync(context));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
