using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Storage.Readers;

namespace NewsPipeline.Core.Services.Readers;

/// <summary>Changing items' state: read, unread, starred, item labels, and marking a whole stream read.</summary>
public sealed partial class ReadingState
{
    /// <summary>Marks items read: two operations an item, fifty items a request, no article read.</summary>
    public Task MarkReadAsync(string account, IReadOnlyList<long> itemIds, CancellationToken cancellationToken) =>
        store.MarkReadAsync(account, itemIds, clock.GetUtcNow(), cancellationToken);

    /// <summary>Marks items unread; ids no article has are skipped.</summary>
    public async Task MarkUnreadAsync(string account, IReadOnlyList<long> itemIds, CancellationToken cancellationToken)
    {
        var articles = await index.FindByItemIdsAsync(itemIds, cancellationToken).ConfigureAwait(false);
        await store.MarkUnreadAsync(account, articles.Select(a => StateItemOf(a.Key, a.Value)).ToList(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stars or unstars items, or adds or removes an item label (<paramref name="label"/> non-null); unknown ids are skipped.</summary>
    public async Task SetMarksAsync(string account, IReadOnlyList<long> itemIds, bool? starred, string? label, bool addLabel, CancellationToken cancellationToken)
    {
        var articles = await index.FindByItemIdsAsync(itemIds, cancellationToken).ConfigureAwait(false);
        var states = await store.StatesOfAsync(account, articles.Keys.ToList(), cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var marks = articles.Select(a =>
        {
            var state = states[a.Key];
            var labels = label is null ? state.Labels
                : addLabel ? state.Labels.Append(label).Distinct(StringComparer.Ordinal).ToList()
                : state.Labels.Where(l => l != label).ToList();
            var star = starred ?? state.Starred;
            return new ItemMarks(StateItemOf(a.Key, a.Value), star, star ? now : null, labels);
        });
        await store.SaveMarksAsync(account, marks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks read every unread item of a stream indexed up to <paramref name="indexedUpTo"/> (<c>ts=</c>: what the app
    /// showed when the person asked); items that arrived after stay unread. Returns how many were marked.
    /// </summary>
    public async Task<int> MarkAllReadAsync(string account, StreamId stream, DateTimeOffset? indexedUpTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var config = await SyncAsync(account, cancellationToken).ConfigureAwait(false);
        var feeds = FeedsOf(config, stream);
        IEnumerable<ItemMarks> unread = (await store.ListAsync(account, StateRowKind.Unread, cancellationToken).ConfigureAwait(false))
            .Where(u => (stream.Kind == StreamKind.Starred || feeds.Contains(u.Item.Source)) && (indexedUpTo is not { } upTo || u.Item.Indexed <= upTo));
        if (stream.Kind == StreamKind.Starred)
        {
            var starred = await StarredIdsAsync(account, cancellationToken).ConfigureAwait(false);
            unread = unread.Where(u => starred.Contains(u.Item.ItemId));
        }
        else if (stream.Kind is StreamKind.Read or StreamKind.OtherState)
        {
            return 0;
        }

        var ids = unread.Select(u => u.Item.ItemId).ToList();
        await store.MarkReadAsync(account, ids, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }

    private static StateItem StateItemOf(long itemId, Storage.Tables.IndexedArticle article) =>
        new(itemId, article.Article.Source, article.Article.Published, article.Written ?? article.Article.Published);
}
