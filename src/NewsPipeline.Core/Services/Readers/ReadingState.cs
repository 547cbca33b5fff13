using System.Globalization;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Storage.Readers;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Services.Readers;

/// <summary>
/// One account's reading state as apps and the page see it: subscriptions, unread, read and starred items.
/// Unread rows are made lazily: every call that reads state first turns the change feed since the account's last call
/// into unread rows for its subscribed feeds (<see cref="SyncAsync"/>), so ingest never writes per account and a call
/// costs what arrived since the last one plus what it asks.
/// </summary>
public sealed partial class ReadingState(ReadingStateStore store, ArticleIndexStore index, IOptions<ReaderOptions> options, TimeProvider clock)
{
    // Changes read per request while catching up.
    private const int ChangesPerRequest = 1000;

    /// <summary>Starts an account's sync position where its unread items begin (<c>Reader__UnreadBackfillDays</c> ago).</summary>
    public Task StartAsync(string account, CancellationToken cancellationToken) =>
        store.TryAdvanceSyncAsync(account, StartKey(clock.GetUtcNow().AddDays(-options.Value.UnreadBackfillDays)), null, cancellationToken);

    /// <summary>
    /// Reads the account's subscriptions and brings its unread rows up to date with the change feed: one query for the
    /// configuration, then one range query per thousand new articles and one batch per hundred new unread items.
    /// </summary>
    public async Task<ReaderConfig> SyncAsync(string account, CancellationToken cancellationToken)
    {
        var config = await store.ReadConfigAsync(account, cancellationToken).ConfigureAwait(false);
        var subscribed = config.Subscriptions.Select(s => s.Feed).ToHashSet(StringComparer.Ordinal);
        var after = config.SyncKey ?? StartKey(clock.GetUtcNow().AddDays(-options.Value.UnreadBackfillDays));
        var etag = config.SyncETag;
        var horizon = clock.GetUtcNow() - TimeSpan.FromSeconds(options.Value.SyncSettleSeconds);
        while (true)
        {
            var changes = await index.ChangesAsync(after, horizon, ChangesPerRequest, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                return config;
            }

            var unread = changes.Where(c => subscribed.Contains(c.Article.Source))
                .Select(c => new StateItem(ReaderItemId.FromArticleId(c.Article.Id), c.Article.Source, c.Article.Published, IndexedAt(c.Position.RowKey)))
                .ToList();
            await store.AddUnreadAsync(account, unread, cancellationToken).ConfigureAwait(false);
            after = changes[^1].Position.RowKey;
            etag = await store.TryAdvanceSyncAsync(account, after, etag, cancellationToken).ConfigureAwait(false);
            if (etag is null)
            {
                // Another call of this account advanced it meanwhile, over the same changes: its rows are the same.
                return await store.ReadConfigAsync(account, cancellationToken).ConfigureAwait(false);
            }

            // The subscriptions are those read above; only the position moved, and its new ETag is the write's.
            config = config with { SyncKey = after, SyncETag = etag };
            if (changes.Count < ChangesPerRequest)
            {
                return config;
            }
        }
    }

    /// <summary>
    /// Subscribes the account to registry feeds (labels merged with a subscription it has). With <paramref name="backfill"/>
    /// the feeds' items of the last <c>Reader__UnreadBackfillDays</c> start unread (a thousand at most per feed).
    /// </summary>
    public async Task SubscribeManyAsync(string account, IReadOnlyList<SubscriptionRecord> subscriptions, bool backfill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var existing = (await store.ReadConfigAsync(account, cancellationToken).ConfigureAwait(false)).Subscriptions
            .ToDictionary(s => s.Feed, StringComparer.Ordinal);
        var merged = subscriptions.Select(s => existing.TryGetValue(s.Feed, out var old)
            ? old with { Title = s.Title ?? old.Title, Labels = old.Labels.Concat(s.Labels).Distinct(StringComparer.Ordinal).ToList() }
            : s).ToList();
        await store.SaveSubscriptionsAsync(account, merged, cancellationToken).ConfigureAwait(false);
        if (!backfill)
        {
            return;
        }

        var since = clock.GetUtcNow().AddDays(-options.Value.UnreadBackfillDays);
        foreach (var feed in merged.Where(s => !existing.ContainsKey(s.Feed)).Select(s => s.Feed))
        {
            var page = await index.PageAsync(new TimelineQuery(1000, [feed], Since: since), cancellationToken).ConfigureAwait(false);
            await store.AddUnreadAsync(account, page.Items.Select(e => new StateItem(
                ReaderItemId.FromArticleId(e.Article.Id), e.Article.Source, e.Article.Published, e.Written ?? e.Article.Published)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Unsubscribes; the feed's unread rows go with it. False when the account had no such subscription.</summary>
    public async Task<bool> UnsubscribeAsync(string account, string feed, CancellationToken cancellationToken)
    {
        if (!await store.RemoveSubscriptionAsync(account, feed, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var unread = await store.ListAsync(account, StateRowKind.Unread, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(account, StateRowKind.Unread, unread.Where(u => u.Item.Source == feed).Select(u => u.Item.ItemId), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Replaces one subscription's title and labels (rename, move between labels).</summary>
    public Task SaveSubscriptionAsync(string account, SubscriptionRecord subscription, CancellationToken cancellationToken) =>
        store.SaveSubscriptionsAsync(account, [subscription], cancellationToken);

    // A change key just before any change indexed at `time`: the sync starts there.
    private static string StartKey(DateTimeOffset time) =>
        time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + new string('0', 40);

    private static DateTimeOffset IndexedAt(string changeKey) =>
        new(long.Parse(changeKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero);
}
