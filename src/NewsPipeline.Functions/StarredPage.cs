using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /starred</c>: the signed-in reader's starred items.</summary>
public sealed class StarredPage(ReaderViews view, StorageGuard guard)
{
    [Function(nameof(StarredPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Starred)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => view.StarredAsync(context));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
