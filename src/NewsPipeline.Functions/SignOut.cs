using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>POST /logout</c>: ends the reading page's session.</summary>
public sealed class SignOut(SignInView view, StorageGuard guard)
{
    [Function(nameof(SignOut))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.Logout)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => view.LogoutAsync(context));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
