using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /unread</c>: the signed-in reader's unread items.</summary>
public sealed class UnreadPage(ReaderViews view, StorageGuard guard)
{
    [Function(nameof(UnreadPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Unread)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => view.UnreadAsync(context));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
