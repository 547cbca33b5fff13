using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.GoogleReader;

namespace NewsPipeline.Functions;

/// <summary>
/// <c>/api/greader/…</c>: the Google Reader API for reader apps. Anonymous to the host: every call but the login
/// checks its own login token (<c>Authorization: GoogleLogin auth=…</c>), as apps cannot send a function key.
/// </summary>
public sealed class GoogleReaderApi(GoogleReaderEndpoint reader, StorageGuard guard)
{
    [Function(nameof(GoogleReaderApi))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = ApiRoutes.GoogleReader)] HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        await guard.RunAsync(request.HttpContext, context => reader.HandleAsync(context, path));
        return new EmptyResult();
    }
}
