using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>POST /mark</c>: marks one item read, unread, starred or not (form token required).</summary>
public sealed class MarkItem(PageMarks view, StorageGuard guard)
{
    [Function(nameof(MarkItem))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.Mark)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => view.MarkAsync(context));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
