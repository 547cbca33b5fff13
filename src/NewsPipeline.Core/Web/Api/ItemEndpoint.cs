using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Storage.Tables;

using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.Api;

/// <summary><c>GET /api/items/{id}</c>: one article with all its metadata, from a point read.</summary>
public sealed partial class ItemEndpoint(ApiCors cors, ArticleIndexStore index, StoryDirectory stories, ApiCachePolicy cache, ILogger<ItemEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context, string? id)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (cors.Handle(context) || await ApiMethods.RefuseUnlessReadAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (QueryParameters.Unknown(context.Request.Query, [], "/api/items/{id}") is { } unknown)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid query parameter", unknown.Detail, unknown.Parameter).ConfigureAwait(false);
            return;
        }

        // An id that cannot be one (a table key may not hold '/', '#', '?' …) is simply not found.
        IndexedArticle? found = null;
        if (id is not null && IdShape().IsMatch(id))
        {
            try
            {
                found = await index.GetEntryAsync(id, context.RequestAborted).ConfigureAwait(false);
                // The story it answers to now: one merged since the article arrived gives the surviving id.
                if (found?.Article.Story is { } story && await stories.FindAsync(story, context.RequestAborted).ConfigureAwait(false) is { } current)
                {
                    found = found with { Article = found.Article with { Story = current.Id } };
                }
            }
            catch (RequestFailedException e)
            {
                LogStorageFailed(id, e.Status, e.Message);
                await StorageGuard.WriteUnavailableAsync(context, "The article index could not be read; try again shortly.").ConfigureAwait(false);
                return;
            }
        }

        if (found is null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "Not found",
                $"No article has the id '{(id is { Length: > 60 } ? id[..60] + "…" : id)}'.").ConfigureAwait(false);
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(ItemDetailResource.From(found.Article), ApiJson.Options);
        await HttpCaching.WriteAsync(context, body, "application/json; charset=utf-8", found.Written, cache.CacheControl()).ConfigureAwait(false);
    }

    [GeneratedRegex("^[0-9A-Za-z_-]{2,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading item {Id} failed on storage (HTTP {Status}: {Reason}); answered 503. Check the ArticleStorage connection and GET /api/health")]
    private partial void LogStorageFailed(string id, int status, string reason);
}
