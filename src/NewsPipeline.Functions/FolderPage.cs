using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /folder?name=…</c>: the items of one folder's feeds on the reading page.</summary>
public sealed class FolderPage(TimelineViews view, StorageGuard guard)
{
    [Function(nameof(FolderPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Folder)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => view.FolderAsync(context));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
