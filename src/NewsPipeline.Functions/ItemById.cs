using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Functions;

/// <summary><c>GET /api/items/{id}</c>: one article with all its metadata.</summary>
public sealed class ItemById(ItemEndpoint item, StorageGuard guard)
{
    [Function(nameof(ItemById))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ItemById)] HttpRequest request,
        string id)
    {
        await guard.RunAsync(request.HttpContext, context => item.HandleAsync(context, id));
        return new EmptyResult();
    }
}
