using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// <c>GET /api/stories</c>: the latest stories, newest first (by their first report's arrival), cursor-paged, with an
/// ETag as the items route has; <c>GET /api/stories/{id}</c>: one story. A story merged into an earlier one answers
/// with the earlier one (its id in the body says so).
/// </summary>
public sealed partial class StoriesEndpoint(StoryDirectory stories, ApiCachePolicy cache, PublicLinks links, ILogger<StoriesEndpoint> logger)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    /// <summary>The query parameters <c>GET /api/stories</c> understands (openapi.json lists the same).</summary>
    public static readonly string[] Parameters = ["limit", "cursor"];

    public async Task HandleListAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ApiMethods.RefuseUnlessReadAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var query = context.Request.Query;
        var error = QueryParameters.Unknown(query, Parameters, "/api/stories");
        var limit = DefaultLimit;
        StoryCursor? cursor = null;
        if (error is null && query["limit"] is { Count: > 0 } limits
            && (limits.Count > 1 || !int.TryParse(limits[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            error = new ParameterError("limit", $"limit must be one whole number from 1 to {MaxLimit}.");
        }

        if (error is null && query["cursor"] is { Count: > 0 } cursors && (cursors.Count > 1 || (cursor = DecodeCursor(cursors[0]!)) is null))
        {
            error = new ParameterError("cursor", "cursor is not one this API wrote: pass the 'next' URL of the previous page as it is.");
        }

        if (error is not null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid query parameter", error.Detail, error.Parameter).ConfigureAwait(false);
            return;
        }

        StoryPage page;
        try
        {
            page = await stories.ListAsync(limit, cursor, context.RequestAborted).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            LogStorageFailed(e.Status, e.Message);
            await StorageGuard.WriteUnavailableAsync(context, "The story index could not be read; try again shortly.").ConfigureAwait(false);
            return;
        }

        string? next = null;
        if (page.Next is { } position)
        {
            var builder = new QueryBuilder { { "limit", limit.ToString(CultureInfo.InvariantCulture) }, { "cursor", EncodeCursor(position) } };
            next = links.For(context.Request, builder.ToQueryString());
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new StoriesPage(page.Stories.Select(StoryResource.From).ToList(), next), ApiJson.Options);
        await HttpCaching.WriteAsync(context, body, "application/json; charset=utf-8", null, cache.CacheControl()).ConfigureAwait(false);
    }

    public async Task HandleOneAsync(HttpContext context, string? id)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ApiMethods.RefuseUnlessReadAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (QueryParameters.Unknown(context.Request.Query, [], "/api/stories/{id}") is { } unknown)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid query parameter", unknown.Detail, unknown.Parameter).ConfigureAwait(false);
            return;
        }

        Reading.Stories.StoryRecord? story = null;
        if (id is not null && ItemsRequest.StoryIdShape().IsMatch(id))
        {
            try
            {
                story = await stories.FindAsync(id, context.RequestAborted).ConfigureAwait(false);
            }
            catch (RequestFailedException e)
            {
                LogStorageFailed(e.Status, e.Message);
                await StorageGuard.WriteUnavailableAsync(context, "The story index could not be read; try again shortly.").ConfigureAwait(false);
                return;
            }
        }

        if (story is null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "Not found",
                $"No story has the id '{(id is { Length: > 60 } ? id[..60] + "…" : id)}'.").ConfigureAwait(false);
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(StoryResource.From(story), ApiJson.Options);
        await HttpCaching.WriteAsync(context, body, "application/json; charset=utf-8", null, cache.CacheControl()).ConfigureAwait(false);
    }

    private const string CursorVersion = "s1";

    private static string EncodeCursor(StoryCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CursorVersion}:{cursor.Month}:{cursor.RowKey}"));

    private static StoryCursor? DecodeCursor(string text)
    {
        if (text.Length is 0 or > 256)
        {
            return null;
        }

        try
        {
            var match = CursorShape().Match(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text)));
            return match.Success ? new StoryCursor(match.Groups["month"].Value, match.Groups["rowKey"].Value) : null;
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }

    [GeneratedRegex("^s1:(?<month>[0-9]{6}):(?<rowKey>[0-9]{19}-[0-9A-Za-z_-]{2,128})$", RegexOptions.CultureInvariant)]
    private static partial Regex CursorShape();

    [LoggerMessage(Level = LogLevel.Error, Message = "Stories query failed on storage (HTTP {Status}: {Reason}); answered 503. Check the ArticleStorage connection and GET /api/health")]
    private partial void LogStorageFailed(int status, string reason);
}
