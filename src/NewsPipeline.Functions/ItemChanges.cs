using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Functions;

/// <summary><c>GET /api/changes</c>: every article once, in the order it was first indexed, for clients that poll.</summary>
public sealed class ItemChanges(ChangesEndpoint changes, StorageGuard guard)
{
    [Function(nameof(ItemChanges))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Changes)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await guard.RunAsync(request.HttpContext, context => changes.HandleAsync(context));
        return new EmptyResult();
    }
}
