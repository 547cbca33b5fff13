using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.Api;

/// <summary>
/// <c>GET /api/items</c>: the newest articles, filtered and paged, as JSON, JSON Feed 1.1 or RSS 2.0. The same
/// code serves the Functions app and <c>newsfeed run</c>, so both hosts answer alike.
/// </summary>
public sealed partial class ItemsEndpoint(ApiCors cors, ArticleIndexStore index, StoryDirectory stories, ItemContent content, ApiCachePolicy cache, PublicLinks links,
    ILogger<ItemsEndpoint> logger)
{
    public const int DefaultLimit = ItemsRequest.DefaultLimit;
    public const int MaxLimit = ItemsRequest.MaxLimit;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (cors.Handle(context) || await ApiMethods.RefuseUnlessReadAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var (request, error) = ItemsRequest.Parse(context.Request);
        if (request is null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid query parameter", error!.Detail, error.Parameter).ConfigureAwait(false);
            return;
        }

        TimelinePage page;
        IReadOnlyDictionary<string, string> html;
        var cancellationToken = context.RequestAborted;
        try
        {
            page = request.Story is { } story
                ? await StoryPageAsync(story, request.Query.Limit, cancellationToken).ConfigureAwait(false)
                : await index.PageAsync(request.Format == ResponseFormat.Json ? request.Query : request.Query with { WithContentHtml = true },
                    cancellationToken).ConfigureAwait(false);
            page = await WithCurrentStoriesAsync(page, cancellationToken).ConfigureAwait(false);
            html = request.Format == ResponseFormat.Json
                ? new Dictionary<string, string>()
                : await content.HtmlForAsync(page.Items.Select(e => e.Article).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            LogStorageFailed(e.Status, e.Message);
            await StorageGuard.WriteUnavailableAsync(context, "The article index could not be read; try again shortly.").ConfigureAwait(false);
            return;
        }

        var next = page.Next is null ? null : PageUrl(context.Request, ItemsCursor.Encode(page.Next));
        var lastModified = page.Items.Select(e => e.Written).Max();
        var (body, contentType) = Render(context.Request, request, page, html, next, lastModified);
        await HttpCaching.WriteAsync(context, body, contentType, lastModified, cache.CacheControl()).ConfigureAwait(false);
    }

    /// <summary>A story's reports, newest first: the story (merges followed), then a point read per report.</summary>
    private async Task<TimelinePage> StoryPageAsync(string id, int limit, CancellationToken cancellationToken)
    {
        if (await stories.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } story)
        {
            return new TimelinePage([], null);
        }

        var members = story.Members.OrderByDescending(m => m.Published).ThenBy(m => m.Id, StringComparer.Ordinal).Take(limit);
        var found = await Task.WhenAll(members.Select(m => index.GetEntryAsync(m.Id, cancellationToken))).ConfigureAwait(false);
        return new TimelinePage(found.OfType<IndexedArticle>().Select(f => new TimelineEntry(f.Article, new TimelinePosition(string.Empty, string.Empty), f.Written)).ToList(), null);
    }

    /// <summary>Each item with the story it answers to now (a story merged since the row was written gives the surviving id).</summary>
    private async Task<TimelinePage> WithCurrentStoriesAsync(TimelinePage page, CancellationToken cancellationToken)
    {
        var current = await stories.CurrentIdsAsync(page.Items.Select(e => e.Article.Story), cancellationToken).ConfigureAwait(false);
        return page with
        {
            Items = page.Items.Select(e => e.Article.Story is { } s && current.TryGetValue(s, out var now) && now != s
                ? e with { Article = e.Article with { Story = now } }
                : e).ToList(),
        };
    }

    private (byte[] Body, string ContentType) Render(HttpRequest http, ItemsRequest request, TimelinePage page,
        IReadOnlyDictionary<string, string> html, string? next, DateTimeOffset? lastModified)
    {
        var articles = page.Items.Select(e => e.Article).ToList();
        switch (request.Format)
        {
            case ResponseFormat.JsonFeed:
                return (JsonFeedWriter.Write(new FeedPage(Title(request), PageUrl(http, null), next, articles, html)), JsonFeedWriter.ContentType);
            case ResponseFormat.Rss:
                return (RssWriter.Write(new FeedPage(Title(request), PageUrl(http, null), next, articles, html), lastModified), RssWriter.ContentType);
            default:
                var json = new ItemsPage(articles.Select(ItemResource.From).ToList(), next);
                return (JsonSerializer.SerializeToUtf8Bytes(json, ApiJson.Options), "application/json; charset=utf-8");
        }
    }

    private static string Title(ItemsRequest request) => request.Query.Sources.Count == 0
        ? "NewsPipeline: latest articles"
        : "NewsPipeline: " + string.Join(", ", request.Query.Sources);

    /// <summary>This request's URL with its cursor replaced (or removed): the same filters, another page.</summary>
    private string PageUrl(HttpRequest request, string? cursor)
    {
        var query = new QueryBuilder(request.Query.Where(p => !p.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty))));
        if (cursor is not null)
        {
            query.Add("cursor", cursor);
        }

        return links.For(request, query.ToQueryString());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Items query failed on storage (HTTP {Status}: {Reason}); answered 503. Check the ArticleStorage connection and GET /api/health")]
    private partial void LogStorageFailed(int status, string reason);
}
