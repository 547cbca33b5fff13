using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Core.Api;

/// <summary>One feed's health as <c>GET /api/feeds</c> reports it: its configuration joined with its stored state.</summary>
public sealed record FeedStatusResource(
    string Name,
    string Url,
    bool Configured,
    bool Enabled,
    DateTimeOffset? LastAttempt,
    DateTimeOffset? LastSuccess,
    int? HttpStatus,
    int ConsecutiveFailures,
    string? LastError,
    int ItemsSeen,
    int ItemsNew,
    DateTimeOffset? NextAttemptAfter,
    string? ETag,
    string? LastModified);

/// <summary><c>GET /api/feeds</c>: per-feed health, for operators; the same code in the Functions app and <c>newsfeed run</c>.</summary>
public sealed class FeedsEndpoint(FeedStatusService feeds)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await ProblemResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed", "Only GET is supported.").ConfigureAwait(false);
            return;
        }

        IReadOnlyList<FeedStatusResource> statuses;
        try
        {
            statuses = await feeds.ListAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException)
        {
            await StorageGuard.WriteUnavailableAsync(context, "The feed state could not be read; try again shortly.").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await JsonSerializer.SerializeAsync(context.Response.Body, new { feeds = statuses }, ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
