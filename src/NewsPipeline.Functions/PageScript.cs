using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>GET /page.js</c>: the reading page's script, from the assembly.</summary>
public sealed class PageScript(PageAssets assets)
{
    [Function(nameof(PageScript))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = PageRoutes.Script)] HttpRequest request)
    {
        await assets.WriteScriptAsync(request.HttpContext);
        return new EmptyResult();
    }
}
