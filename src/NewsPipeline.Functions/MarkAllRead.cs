using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>POST /mark-all-read</c>: marks the reader's unread items read (form token required).</summary>
public sealed class MarkAllRead(PageMarks view, StorageGuard guard)
{
    [Function(nameof(MarkAllRead))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.MarkAllRead)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => view.MarkAllReadAsync(context));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
