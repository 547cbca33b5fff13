using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Opml;
using NewsPipeline.Core.Services.Registry;

using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.Api;

/// <summary>One feed of the registry as <c>GET /api/feeds</c> reports it: what it is, when it is read next, and its health.</summary>
/// <param name="Configured">False once the feed was removed from the <c>Feeds</c> setting (kept, disabled, articles intact).</param>
/// <param name="Origin"><c>setting</c> (the Feeds setting) or <c>manual</c> (added by hand or imported).</param>
public sealed record FeedStatusResource(
    string Name,
    string Url,
    bool Configured,
    bool Enabled,
    string? DisabledReason,
    string Origin,
    string? Title,
    string? SiteUrl,
    string? Category,
    DateTimeOffset? NextCheckAt,
    int? IntervalMinutes,
    DateTimeOffset? LastNewItemAt,
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

/// <summary>
/// <c>GET /api/feeds</c>: every feed of the registry with its schedule and health, for operators, as JSON or (with
/// <c>?format=opml</c>) as OPML 2.0 to carry to another reader; the same code in the Functions app and <c>newsfeed run</c>.
/// Anonymous, so addresses are redacted (no user info, no query string) in both forms.
/// </summary>
public sealed class FeedsEndpoint(FeedAdministration administration, TimeProvider clock, ApiCors cors)
{
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Only here, the anonymous reading: POST and DELETE never reach this endpoint (EditFeeds, FeedEditsEndpoint).
        if (cors.Handle(context))
        {
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await ProblemResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed",
                "GET lists the feeds; POST and DELETE change them, with a function key (docs/operations.md, section Feeds).").ConfigureAwait(false);
            return;
        }

        if (QueryParameters.Unknown(context.Request.Query, ["format"], "/api/feeds") is { } unknown)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid query parameter", unknown.Detail, unknown.Parameter).ConfigureAwait(false);
            return;
        }

        var given = context.Request.Query["format"].ToString();
        var format = given.Length == 0 ? "" : QueryParameters.OneOf(given, "json", "opml") ?? given;
        if (format.Length > 0 && format is not ("json" or "opml"))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid parameter",
                $"format must be 'json' or 'opml', not '{format}'.", "format").ConfigureAwait(false);
            return;
        }

        // One read of the registry, whichever form it is served in.
        IReadOnlyList<FeedRecord> registered;
        try
        {
            registered = await administration.ListAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException)
        {
            await StorageGuard.WriteUnavailableAsync(context, "The feed registry could not be read; try again shortly.").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-cache";
        if (format == "opml")
        {
            context.Response.ContentType = "text/x-opml; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"feeds.opml\"";
            var redacted = registered.Select(f => f with { Url = FeedUrl.Redact(f.Url), SiteUrl = f.SiteUrl is null ? null : FeedUrl.Redact(f.SiteUrl) });
            await context.Response.WriteAsync(Opml.Write(redacted, clock.GetUtcNow()), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var statuses = registered.Select(FeedStatusService.ToResource).ToList();
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, new { feeds = statuses }, ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
