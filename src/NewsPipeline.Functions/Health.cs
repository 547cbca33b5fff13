using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Functions;

/// <summary><c>GET /api/health</c>: whether the app reaches its storage (for probes and availability tests).</summary>
public sealed class Health(HealthEndpoint health, StorageGuard guard)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Health)] HttpRequest request)
    {
        await guard.RunAsync(request.HttpContext, context => health.HandleAsync(context));
        return new EmptyResult();
    }
}
