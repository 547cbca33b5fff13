using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Accounts;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Functions;

/// <summary>
/// Reader accounts: <c>GET|POST /api/accounts</c>, <c>DELETE /api/accounts/{name}</c>, <c>POST /api/accounts/{name}/password|import</c>.
/// A function key is required: the host answers 401 before any code runs.
/// </summary>
public sealed class EditAccounts(AccountsEndpoint accounts, StorageGuard guard)
{
    [Function(nameof(EditAccounts))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", "post", "delete", Route = ApiRoutes.Accounts)] HttpRequest request, string? name, string? action)
    {
        ArgumentNullException.ThrowIfNull(request);
        await guard.RunAsync(request.HttpContext, context => accounts.HandleAsync(context, name, action));
        return new EmptyResult();
    }
}
