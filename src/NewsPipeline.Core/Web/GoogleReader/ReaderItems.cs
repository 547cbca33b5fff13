using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Storage.Readers;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.GoogleReader;

/// <summary>An item as the Google Reader outputs show it: the article, its state for the account, its subscription, its HTML.</summary>
internal sealed record ReaderItem(long Id, ArticleMetadata Article, DateTimeOffset Crawled, ItemState State, ReaderSubscription? Subscription, string Html);

/// <summary>
/// Loads items for <c>stream/items/contents</c>, <c>stream/contents</c> and <c>reader/atom</c>: the articles from their
/// by-id rows (about 0.8 requests an id), the states in one query per seven ids, the HTML from the row — a blob is read
/// only for an article whose sanitized HTML was too big for its row.
/// </summary>
internal static class ReaderItems
{
    public static async Task<IReadOnlyList<ReaderItem>> LoadAsync(string account, IReadOnlyList<long> ids, IReadOnlyList<ReaderSubscription> subscriptions,
        ArticleIndexStore index, ReadingState state, ItemContent content, CancellationToken cancellationToken)
    {
        var articlesTask = index.FindByItemIdsAsync(ids, cancellationToken);
        var statesTask = state.StatesOfAsync(account, ids, cancellationToken);
        var articles = await articlesTask.ConfigureAwait(false);
        var states = await statesTask.ConfigureAwait(false);
        var html = await content.HtmlForAsync(articles.Values.Select(a => a.Article).ToList(), cancellationToken).ConfigureAwait(false);
        var byFeed = subscriptions.ToDictionary(s => s.Feed, StringComparer.Ordinal);
        return ids.Distinct().Where(articles.ContainsKey).Select(id =>
        {
            var article = articles[id];
            return new ReaderItem(id, article.Article, article.Written ?? article.Article.Published, states[id],
                byFeed.GetValueOrDefault(article.Article.Source), html.GetValueOrDefault(article.Article.Id) ?? string.Empty);
        }).ToList();
    }

    /// <summary>The item's categories: its states, its subscription's labels and its own labels.</summary>
    public static IEnumerable<string> Categories(ReaderItem item)
    {
        yield return StreamId.ReadingListId;
        if (!item.State.Unread)
        {
            yield return StreamId.ReadId;
        }

        if (item.State.Starred)
        {
            yield return StreamId.StarredId;
        }

        foreach (var label in (item.Subscription?.Labels ?? []).Concat(item.State.Labels).Distinct(StringComparer.Ordinal))
        {
            yield return StreamId.LabelId(label);
        }
    }
}
