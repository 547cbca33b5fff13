using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /feeds</c>: every feed by folder with its health, on the reading page.</summary>
public sealed class FeedsPage(FeedsView view, StorageGuard guard)
{
    [Function(nameof(FeedsPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Feeds)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => view.HandleAsync(context));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
