using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /page.css</c>: the reading page's stylesheet, from the assembly.</summary>
public sealed class PageStyles(PageAssets assets)
{
    [Function(nameof(PageStyles))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Styles)] HttpRequest request)
    {
        await assets.WriteStylesAsync(request.HttpContext);
        return new EmptyResult();
    }
}
