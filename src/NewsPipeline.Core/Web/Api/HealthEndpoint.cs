using System.Diagnostics;
using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;

using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// <c>GET /api/health</c>: 200 when the article table and blob container answer, 503 (with what failed) when not.
/// Each check has a short deadline, so a probe never hangs on the storage SDK's retries.
/// </summary>
public sealed partial class HealthEndpoint(ArticleIndexStore index, ArticleBlobStore blobs, ILogger<HealthEndpoint> logger)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ApiMethods.RefuseUnlessReadAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var checks = await Task.WhenAll(
            CheckAsync("table", ct => index.CheckAsync(ct), context.RequestAborted),
            CheckAsync("blobs", ct => blobs.CheckAsync(ct), context.RequestAborted)).ConfigureAwait(false);
        var healthy = checks.All(c => c.Status == "healthy");
        context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new { status = healthy ? "healthy" : "unhealthy", checks = checks.ToDictionary(c => c.Name, c => (object)new { c.Status, c.Milliseconds, c.Error }) };
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task<HealthCheck> CheckAsync(string name, Func<CancellationToken, Task> check, CancellationToken aborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(Deadline);
        var watch = Stopwatch.StartNew();
        try
        {
            await check(deadline.Token).ConfigureAwait(false);
            return new HealthCheck(name, "healthy", watch.ElapsedMilliseconds, null);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException)
        {
            var reason = e is OperationCanceledException ? $"no answer within {Deadline.TotalSeconds:0} s" : ReasonText.WithoutFinalPeriod(e.Message.Split('\n')[0]);
            LogUnhealthy(name, reason);
            return new HealthCheck(name, "unhealthy", watch.ElapsedMilliseconds, reason);
        }
    }

    private sealed record HealthCheck(string Name, string Status, long Milliseconds, string? Error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check {Check} failed: {Reason}. Check the ArticleStorage connection and that the storage account is reachable")]
    private partial void LogUnhealthy(string check, string reason);
}
