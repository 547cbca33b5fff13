using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /article/{id}</c>: one article on the reading page.</summary>
public sealed class ArticlePage(ArticleView view, StorageGuard guard)
{
    [Function(nameof(ArticlePage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Article)] HttpRequest request, string id)
    {
        await guard.RunAsync(request.HttpContext, context => view.HandleAsync(context, id));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
