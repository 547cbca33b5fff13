using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Api;

/// <summary>
/// <c>GET /api/items</c>: the newest articles. The same code serves the Functions app and <c>newsfeed run</c>,
/// so both hosts answer alike.
/// </summary>
public sealed class ItemsEndpoint(ArticleIndex index)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await ProblemResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed", "Only GET is supported.").ConfigureAwait(false);
            return;
        }

        var limit = DefaultLimit;
        var limitText = context.Request.Query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid query parameter",
                $"limit must be a whole number from 1 to {MaxLimit}; got '{Truncate(limitText)}'.", "limit").ConfigureAwait(false);
            return;
        }

        var articles = await index.LatestAsync(limit, null, context.RequestAborted).ConfigureAwait(false);
        var page = new ItemsPage(articles.Select(ItemResource.From).ToList(), null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, page, ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
