using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Articles;
using NewsPipeline.Core.Articles.Document;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Feeds.Fetching;
using NewsPipeline.Core.Storage.Blobs;

namespace NewsPipeline.Core.Pipeline;

/// <summary>What one fetch pass did for one feed.</summary>
public sealed record FeedFetchOutcome(FeedSource Feed, int Items, int New, int Existing, string? Error, IReadOnlyList<string> WrittenBlobs)
{
    public bool Failed => Error is not null;
}

/// <summary>What one fetch pass did, feed by feed.</summary>
public sealed record FetchReport(IReadOnlyList<FeedFetchOutcome> Feeds)
{
    public int New => Feeds.Sum(f => f.New);
    public int Failed => Feeds.Count(f => f.Failed);
    public IEnumerable<string> WrittenBlobs => Feeds.SelectMany(f => f.WrittenBlobs);
}

/// <summary>
/// The fetch stage: reads every configured feed and writes one blob per article not stored yet. One failing
/// feed never stops the others; a pass that overlaps another, or repeats one, writes nothing twice.
/// </summary>
public sealed partial class FetchService(
    FeedFetcher fetcher,
    ArticleBlobStore blobs,
    IOptionsMonitor<FeedListOptions> feedList,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    ILogger<FetchService> logger)
{
    public IReadOnlyList<FeedSource> ConfiguredFeeds => feedList.CurrentValue.Parse();

    public async Task<FetchReport> RunAsync(IReadOnlyList<FeedSource>? feeds, CancellationToken cancellationToken)
    {
        feeds ??= ConfiguredFeeds;
        if (feeds.Count == 0)
        {
            LogNoFeeds();
        }

        var outcomes = new ConcurrentDictionary<int, FeedFetchOutcome>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelFeeds, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(feeds.Select((feed, index) => (feed, index)), parallel, async (entry, ct) =>
            outcomes[entry.index] = await FetchFeedAsync(entry.feed, ct).ConfigureAwait(false)).ConfigureAwait(false);

        return new FetchReport(Enumerable.Range(0, feeds.Count).Select(i => outcomes[i]).ToList());
    }

    private async Task<FeedFetchOutcome> FetchFeedAsync(FeedSource feed, CancellationToken cancellationToken)
    {
        ParsedFeed parsed;
        try
        {
            var response = await fetcher.FetchAsync(feed, cancellationToken).ConfigureAwait(false);
            parsed = FeedReader.Read(response.Content, response.BaseUri);
        }
        catch (Exception e) when (e is FeedFetchException or FeedFormatException)
        {
            LogFeedFailed(feed.Name, feed.Location, e.Message);
            return new FeedFetchOutcome(feed, 0, 0, 0, e.Message, []);
        }

        var written = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var existing = 0;
        foreach (var item in parsed.Items)
        {
            var article = ToDocument(feed, item, seen);
            if (article is null)
            {
                continue;
            }

            if (await blobs.TryCreateAsync(article.Value.BlobName, article.Value.Text, cancellationToken).ConfigureAwait(false))
            {
                written.Add(article.Value.BlobName);
            }
            else
            {
                existing++;
            }
        }

        LogFeedFetched(feed.Name, parsed.Items.Count, written.Count, existing);
        return new FeedFetchOutcome(feed, parsed.Items.Count, written.Count, existing, null, written);
    }

    private (string BlobName, string Text)? ToDocument(FeedSource feed, FeedItem item, HashSet<string> seen)
    {
        var link = item.Link ?? (item.EntryIdIsPermaLink ? item.EntryId : null);
        if (link is null || !Uri.TryCreate(link, UriKind.Absolute, out _))
        {
            // The document format needs an absolute link; an item without one has no article page to archive.
            LogItemSkipped(feed.Name, item.Title);
            return null;
        }

        var id = ArticleId.FromUrl(link);
        if (!seen.Add(id))
        {
            // Some feeds repeat a link for distinct items (live blogs, updates): keep each, told apart by content.
            id = ArticleId.FromContent(item.Title, item.ContentHtml + "\n" + link);
            if (!seen.Add(id))
            {
                return null;
            }
        }

        var published = item.Published ?? clock.GetUtcNow();
        var title = item.Title.Length > 0 ? item.Title : link;
        var text = ArticleDocumentWriter.Write(published, title, link, item.ContentHtml);
        return (ArticleBlobStore.BlobNameFor(feed.Name, published, id), text);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No feeds are configured: set the Feeds setting to 'name=url;name=url'.")]
    private partial void LogNoFeeds();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} ({Location}) failed: {Reason}. Other feeds go on; it is retried next pass.")]
    private partial void LogFeedFailed(string feed, string location, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: {Items} items, {New} new, {Existing} already stored")]
    private partial void LogFeedFetched(string feed, int items, int @new, int existing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}: skipped item '{Title}' that has no absolute link")]
    private partial void LogItemSkipped(string feed, string title);
}
