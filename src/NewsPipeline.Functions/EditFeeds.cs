using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Functions;

/// <summary>
/// <c>POST /api/feeds</c> (add one feed as JSON, or import OPML), <c>DELETE /api/feeds/{name}</c>,
/// <c>POST /api/feeds/{name}/enable|disable</c>. A function key is required: the host answers 401 before any code runs.
/// </summary>
public sealed class EditFeeds(FeedEditsEndpoint changes, StorageGuard guard)
{
    [Function(nameof(EditFeeds))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", "delete", Route = ApiRoutes.FeedEdits)] HttpRequest request, string? name, string? action)
    {
        ArgumentNullException.ThrowIfNull(request);
        await guard.RunAsync(request.HttpContext, context => changes.HandleAsync(context, name, action));
        return new EmptyResult();
    }
}
