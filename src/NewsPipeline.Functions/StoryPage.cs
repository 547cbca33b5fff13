using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /story/{id}</c>: one story's reports on the reading page (a merged story's id shows the story it joined).</summary>
public sealed class StoryPage(StoryView view, StorageGuard guard)
{
    [Function(nameof(StoryPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Story)] HttpRequest request, string id)
    {
        await guard.RunAsync(request.HttpContext, context => view.HandleAsync(context, id));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
