using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Functions;

/// <summary><c>/login</c>: the reading page's sign-in form and sign-in (reader accounts).</summary>
public sealed class LoginPage(SignInView view, StorageGuard guard)
{
    [Function(nameof(LoginPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = PageRoutes.Login)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => view.LoginAsync(context));
        // The view has written the response itself.
        return new EmptyResult();
    }
}
