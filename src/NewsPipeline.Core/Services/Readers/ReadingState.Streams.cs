using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Storage.Readers;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core.Services.Readers;

/// <summary>Listing streams and counting unread items.</summary>
public sealed partial class ReadingState
{
    /// <summary>
    /// A page of a stream. Unread, starred and read listings read the account's rows of that state (a thousand a
    /// request) and never the archive; "every item of a feed or label" reads the feeds' timelines, a page at a time
    /// (newest first only: <c>r=o</c> is honoured for state listings, which are what apps ask oldest first).
    /// </summary>
    public async Task<StreamPage> ListAsync(string account, StreamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Continuation is { } given && !Decode(given).StartsWith('s') && !Decode(given).StartsWith('t'))
        {
            throw new ContinuationException("The continuation (c) is not one this server gave: start again without it.");
        }

        var config = await SyncAsync(account, cancellationToken).ConfigureAwait(false);
        var feeds = FeedsOf(config, request.Stream);
        var stream = request.Stream.Kind;
        if (stream == StreamKind.OtherState || request.OnlyRead && request.ExcludeRead)
        {
            return new StreamPage([], null);
        }

        IEnumerable<ItemMarks> rows;
        if (request.ExcludeRead)
        {
            rows = (await store.ListAsync(account, StateRowKind.Unread, cancellationToken).ConfigureAwait(false)).Where(r => feeds.Contains(r.Item.Source));
            if (stream == StreamKind.Starred || request.OnlyStarred)
            {
                var starred = await StarredIdsAsync(account, cancellationToken).ConfigureAwait(false);
                rows = rows.Where(r => starred.Contains(r.Item.ItemId));
            }
        }
        else if (stream == StreamKind.Starred || request.OnlyStarred)
        {
            rows = (await store.ListAsync(account, StateRowKind.Marks, cancellationToken).ConfigureAwait(false))
                .Where(m => m.Starred && (stream == StreamKind.Starred || feeds.Contains(m.Item.Source)));
        }
        else if (stream == StreamKind.Read || request.OnlyRead)
        {
            rows = await store.ListAsync(account, StateRowKind.Read, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return await TimelinePageAsync(account, feeds, request, cancellationToken).ConfigureAwait(false);
        }

        if (request.ExcludeStarred && stream != StreamKind.Starred && !request.OnlyStarred)
        {
            var starred = await StarredIdsAsync(account, cancellationToken).ConfigureAwait(false);
            rows = rows.Where(r => !starred.Contains(r.Item.ItemId));
        }

        var items = rows.Select(r => new StreamItem(r.Item.ItemId, r.Item.Source, r.Item.Published, r.Item.Indexed))
            .Where(i => (request.NotOlderThan is not { } from || i.Published >= from) && (request.NotNewerThan is not { } to || i.Published <= to));
        items = request.OldestFirst
            ? items.OrderBy(i => i.Published).ThenBy(i => i.ItemId)
            : items.OrderByDescending(i => i.Published).ThenByDescending(i => i.ItemId);
        if (request.Continuation is { } continuation)
        {
            var (ticks, id) = DecodeStateContinuation(continuation);
            items = request.OldestFirst
                ? items.Where(i => i.Published.UtcTicks > ticks || i.Published.UtcTicks == ticks && i.ItemId > id)
                : items.Where(i => i.Published.UtcTicks < ticks || i.Published.UtcTicks == ticks && i.ItemId < id);
        }

        var page = items.Take(request.Count + 1).ToList();
        if (page.Count <= request.Count)
        {
            return new StreamPage(page, null);
        }

        page.RemoveAt(page.Count - 1);
        return new StreamPage(page, Encode("s" + page[^1].Published.UtcTicks.ToString(CultureInfo.InvariantCulture) + "." + page[^1].ItemId.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Unread counts per subscribed feed, per label, and for the reading list: the account's unread rows and nothing else.</summary>
    public async Task<IReadOnlyList<UnreadCount>> UnreadCountsAsync(string account, CancellationToken cancellationToken)
    {
        var config = await SyncAsync(account, cancellationToken).ConfigureAwait(false);
        var subscriptions = config.Subscriptions.ToDictionary(s => s.Feed, StringComparer.Ordinal);
        var unread = (await store.ListAsync(account, StateRowKind.Unread, cancellationToken).ConfigureAwait(false))
            .Where(u => subscriptions.ContainsKey(u.Item.Source)).ToList();
        var counts = new List<UnreadCount>();
        foreach (var feed in unread.GroupBy(u => u.Item.Source, StringComparer.Ordinal))
        {
            counts.Add(new UnreadCount(StreamId.FeedId(feed.Key), feed.Count(), feed.Max(u => u.Item.Indexed)));
        }

        foreach (var label in unread.SelectMany(u => subscriptions[u.Item.Source].Labels.Select(l => (Label: l, Row: u))).GroupBy(p => p.Label, StringComparer.Ordinal))
        {
            counts.Add(new UnreadCount(StreamId.LabelId(label.Key), label.Count(), label.Max(p => p.Row.Item.Indexed)));
        }

        if (unread.Count > 0)
        {
            counts.Add(new UnreadCount(StreamId.ReadingListId, unread.Count, unread.Max(u => u.Item.Indexed)));
        }

        return counts;
    }

    /// <summary>The states of items as their categories show them (unread, starred, labels): one query per seven items.</summary>
    public Task<IReadOnlyDictionary<long, ItemState>> StatesOfAsync(string account, IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken) =>
        store.StatesOfAsync(account, itemIds, cancellationToken);

    /// <summary>The account's subscriptions and configuration, after a sync.</summary>
    public Task<ReaderConfig> ConfigAsync(string account, CancellationToken cancellationToken) => SyncAsync(account, cancellationToken);

    private async Task<StreamPage> TimelinePageAsync(string account, HashSet<string> feeds, StreamRequest request, CancellationToken cancellationToken)
    {
        if (feeds.Count == 0)
        {
            return new StreamPage([], null);
        }

        var after = request.Continuation is { } continuation ? DecodeTimelineContinuation(continuation) : null;
        var page = await index.PageAsync(new TimelineQuery(request.Count, feeds.Order(StringComparer.Ordinal).ToList(), request.NotOlderThan,
            request.NotNewerThan?.AddTicks(1), After: after), cancellationToken).ConfigureAwait(false);
        IEnumerable<TimelineEntry> entries = page.Items;
        if (request.ExcludeStarred)
        {
            var starred = await StarredIdsAsync(account, cancellationToken).ConfigureAwait(false);
            entries = entries.Where(e => !starred.Contains(ReaderItemId.FromArticleId(e.Article.Id)));
        }

        var items = entries.Select(e => new StreamItem(ReaderItemId.FromArticleId(e.Article.Id), e.Article.Source, e.Article.Published, e.Written ?? e.Article.Published)).ToList();
        return new StreamPage(items, page.Next is { } next ? Encode("t" + next.Bucket + "." + next.RowKey) : null);
    }

    private async Task<HashSet<long>> StarredIdsAsync(string account, CancellationToken cancellationToken) =>
        (await store.ListAsync(account, StateRowKind.Marks, cancellationToken).ConfigureAwait(false)).Where(m => m.Starred).Select(m => m.Item.ItemId).ToHashSet();

    /// <summary>The registry feeds a stream covers for this account.</summary>
    internal static HashSet<string> FeedsOf(ReaderConfig config, StreamId stream) => stream.Kind switch
    {
        StreamKind.Feed => config.Subscriptions.Any(s => s.Feed == stream.Value) ? [stream.Value] : [],
        StreamKind.Label => config.Subscriptions.Where(s => s.Labels.Contains(stream.Value, StringComparer.Ordinal)).Select(s => s.Feed).ToHashSet(StringComparer.Ordinal),
        _ => config.Subscriptions.Select(s => s.Feed).ToHashSet(StringComparer.Ordinal),
    };

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string Decode(string continuation)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuation));
        }
        catch (FormatException)
        {
            throw new ContinuationException("The continuation (c) is not one this server gave: start again without it.");
        }
    }

    private static (long Ticks, long Id) DecodeStateContinuation(string continuation)
    {
        var text = continuation.Length <= 100 ? Decode(continuation) : string.Empty;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (text.StartsWith('s') && dot > 1
            && long.TryParse(text.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return (ticks, id);
        }

        throw new ContinuationException("The continuation (c) is not one this server gave for this kind of stream: start again without it.");
    }

    private static TimelinePosition DecodeTimelineContinuation(string continuation)
    {
        var text = continuation.Length <= 200 ? Decode(continuation) : string.Empty;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        // The row key has a change key's shape: 19 digits of (inverted) ticks, '-', a 40-digit hex id.
        if (text.StartsWith('t') && dot == 7 && int.TryParse(text.AsSpan(1, 6), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && ArticleIndexStore.IsChangeKey(text[(dot + 1)..]))
        {
            return new TimelinePosition(text[1..7], text[(dot + 1)..]);
        }

        throw new ContinuationException("The continuation (c) is not one this server gave for this kind of stream: start again without it.");
    }
}
