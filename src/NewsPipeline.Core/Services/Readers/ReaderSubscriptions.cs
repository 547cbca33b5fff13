using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Readers;

namespace NewsPipeline.Core.Services.Readers;

/// <summary>A subscription as apps list it: the registry feed joined with the account's title and labels.</summary>
public sealed record ReaderSubscription(string Feed, string Title, IReadOnlyList<string> Labels, string Url, string? SiteUrl, DateTimeOffset Added);

/// <summary>A subscription change refused because of what the client sent (a 400), in the project's words.</summary>
public sealed class SubscriptionException(string message, bool forbidden = false) : InvalidOperationException(message)
{
    public bool Forbidden { get; } = forbidden;
}

/// <summary>
/// Subscriptions and labels as apps change them: quickadd, subscribe, unsubscribe, rename, move between labels,
/// rename and delete a label. The registry stays the one list of feeds the pipeline fetches; a subscription points
/// at a registry feed, and subscribing to a URL the registry lacks adds it there (the checks of any feed).
/// </summary>
public sealed partial class ReaderSubscriptions(ReadingStateStore store, ReadingState state, FeedAdministration registry, IOptions<ReaderOptions> options,
    TimeProvider clock, ILogger<ReaderSubscriptions> logger)
{
    public async Task<IReadOnlyList<ReaderSubscription>> ListAsync(string account, CancellationToken cancellationToken)
    {
        var config = await store.ReadConfigAsync(account, cancellationToken).ConfigureAwait(false);
        var feeds = (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Name, StringComparer.Ordinal);
        return config.Subscriptions.Where(s => feeds.ContainsKey(s.Feed))
            .Select(s => ToSubscription(s, feeds[s.Feed]))
            .OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Subscribes to a feed by URL (<c>quickadd</c>, <c>subscription/edit ac=subscribe s=feed/{url}</c>) or registry
    /// name, adding the URL to the registry when it is new — unless <c>Reader__AllowQuickAdd</c> is false, since the
    /// registry is public.
    /// </summary>
    public async Task<ReaderSubscription> SubscribeAsync(string account, string feedOrUrl, string? title, string? label, CancellationToken cancellationToken)
    {
        var feeds = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var feed = feeds.FirstOrDefault(f => f.Name == feedOrUrl) ?? feeds.FirstOrDefault(f => string.Equals(f.Url, feedOrUrl, StringComparison.Ordinal));
        if (feed is null)
        {
            if (!Uri.TryCreate(feedOrUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new SubscriptionException($"'{Shorten(feedOrUrl)}' is neither a feed of the registry nor an http(s) URL.");
            }

            if (!options.Value.AllowQuickAdd)
            {
                throw new SubscriptionException("Adding feeds from an app is turned off here (Reader__AllowQuickAdd=false): ask the operator to add it.", forbidden: true);
            }

            var names = feeds.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            var baseName = SourceName.FromLocation(feedOrUrl) ?? "feed";
            var name = baseName;
            for (var n = 2; names.Contains(name); n++)
            {
                name = baseName + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            try
            {
                feed = await registry.AddAsync(name, feedOrUrl, null, null, title, cancellationToken).ConfigureAwait(false);
            }
            catch (FeedChangeException e)
            {
                throw new SubscriptionException(e.Message);
            }

            LogQuickAdded(account, name);
        }

        var record = new SubscriptionRecord(feed.Name, title, label is null ? [] : [label], clock.GetUtcNow());
        await state.SubscribeManyAsync(account, [record], backfill: true, cancellationToken).ConfigureAwait(false);
        var saved = (await store.ReadConfigAsync(account, cancellationToken).ConfigureAwait(false)).Subscriptions.First(s => s.Feed == feed.Name);
        return ToSubscription(saved, feed);
    }

    public Task<bool> UnsubscribeAsync(string account, string feed, CancellationToken cancellationToken) => state.UnsubscribeAsync(account, feed, cancellationToken);

    /// <summary>Renames a subscription and moves it between labels; false when the account has no such subscription.</summary>
    public async Task<bool> EditAsync(string account, string feed, string? title, string? addLabel, string? removeLabel, CancellationToken cancellationToken)
    {
        var config = await store.ReadConfigAsync(account, cancellationToken).ConfigureAwait(false);
        if (config.Subscriptions.FirstOrDefault(s => s.Feed == feed) is not { } subscription)
        {
            return false;
        }

        var labels = subscription.Labels.Where(l => l != removeLabel).ToList();
        if (addLabel is not null && !labels.Contains(addLabel, StringComparer.Ordinal))
        {
            labels.Add(addLabel);
        }

        await state.SaveSubscriptionAsync(account, subscription with { Title = string.IsNullOrWhiteSpace(title) ? subscription.Title : title.Trim(), Labels = labels },
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Renames a label on every subscription and item that carries it (<paramref name="to"/> null: removes it).</summary>
    public async Task<int> RenameLabelAsync(string account, string from, string? to, CancellationToken cancellationToken)
    {
        var config = await store.ReadConfigAsync(account, cancellationToken).ConfigureAwait(false);
        var changed = config.Subscriptions.Where(s => s.Labels.Contains(from, StringComparer.Ordinal))
            .Select(s => s with { Labels = s.Labels.Select(l => l == from ? to : l).OfType<string>().Distinct(StringComparer.Ordinal).ToList() })
            .ToList();
        await store.SaveSubscriptionsAsync(account, changed, cancellationToken).ConfigureAwait(false);
        var items = (await store.ListAsync(account, StateRowKind.Marks, cancellationToken).ConfigureAwait(false))
            .Where(m => m.Labels.Contains(from, StringComparer.Ordinal))
            .Select(m => m with { Labels = m.Labels.Select(l => l == from ? to : l).OfType<string>().Distinct(StringComparer.Ordinal).ToList() })
            .ToList();
        await store.SaveMarksAsync(account, items, cancellationToken).ConfigureAwait(false);
        return changed.Count + items.Count;
    }

    /// <summary>Every label the account uses: on subscriptions (folders) and on items.</summary>
    public async Task<IReadOnlyList<string>> LabelsAsync(string account, CancellationToken cancellationToken)
    {
        var config = await store.ReadConfigAsync(account, cancellationToken).ConfigureAwait(false);
        var marks = await store.ListAsync(account, StateRowKind.Marks, cancellationToken).ConfigureAwait(false);
        return config.Subscriptions.SelectMany(s => s.Labels).Concat(marks.SelectMany(m => m.Labels))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static ReaderSubscription ToSubscription(SubscriptionRecord s, FeedRecord feed) =>
        new(s.Feed, s.Title ?? feed.Title ?? feed.Name, s.Labels, feed.Url, feed.SiteUrl, s.Added);

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader account {Account} added feed {Feed} to the registry (quickadd); it is fetched from now on and public like every feed")]
    private partial void LogQuickAdded(string account, string feed);
}
