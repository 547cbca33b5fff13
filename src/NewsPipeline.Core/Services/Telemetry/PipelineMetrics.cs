using System.Diagnostics.Metrics;

namespace NewsPipeline.Core.Services.Telemetry;

/// <summary>
/// What the pipeline exists to do, as System.Diagnostics.Metrics instruments, so that both hosts share them: the
/// Functions app exports them with OpenTelemetry, and any MeterListener (a test, `dotnet-counters`) can read them.
/// Instrument names are the metric names alerts query; keep them stable.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "NewsPipeline";

    private readonly Counter<long> articlesWritten;
    private readonly Counter<long> articlesParsed;
    private readonly Counter<long> parseFailures;
    private readonly Counter<long> feedsFetched;
    private readonly Counter<long> feedsUnchanged;
    private readonly Counter<long> feedsFailed;
    private readonly Histogram<double> fetchDuration;
    private readonly Histogram<double> fetchLag;
    private readonly Histogram<double> indexLag;
    private readonly Histogram<double> totalLag;

    public PipelineMetrics()
    {
        Meter = new Meter(MeterName);
        articlesWritten = Meter.CreateCounter<long>("newspipeline.articles.written", "{article}", "Article blobs created (new articles only).");
        articlesParsed = Meter.CreateCounter<long>("newspipeline.articles.parsed", "{article}", "Article blobs parsed into the index.");
        parseFailures = Meter.CreateCounter<long>("newspipeline.articles.parse_failures", "{article}", "Article blobs that could not be parsed (recorded in parsefailures).");
        feedsFetched = Meter.CreateCounter<long>("newspipeline.feeds.fetched", "{feed}", "Feeds fetched and read.");
        feedsUnchanged = Meter.CreateCounter<long>("newspipeline.feeds.unchanged", "{feed}", "Feeds that answered 304 Not Modified.");
        feedsFailed = Meter.CreateCounter<long>("newspipeline.feeds.failed", "{feed}", "Feeds whose fetch or reading failed.");
        fetchDuration = Meter.CreateHistogram<double>("newspipeline.feeds.fetch.duration", "s", "Time to fetch, read and store one feed.");
        fetchLag = Meter.CreateHistogram<double>("newspipeline.ingest.fetch_lag", "s", "From a feed item's own date to its blob being written.");
        indexLag = Meter.CreateHistogram<double>("newspipeline.ingest.index_lag", "s", "From an article's blob being written to its row being queryable.");
        totalLag = Meter.CreateHistogram<double>("newspipeline.ingest.lag", "s", "From a feed item's own date to its row being queryable.");
    }

    /// <summary>The meter every instrument belongs to (a listener can tell this instance's from another's).</summary>
    public Meter Meter { get; }

    public void FeedFetched(string feed, TimeSpan duration) => Feed(feedsFetched, feed, duration);

    public void FeedUnchanged(string feed, TimeSpan duration) => Feed(feedsUnchanged, feed, duration);

    public void FeedFailed(string feed, TimeSpan duration) => Feed(feedsFailed, feed, duration);

    /// <summary>One new article blob; <paramref name="itemDate"/> is null where the feed gave no readable date (no lag to tell).</summary>
    public void ArticleWritten(string feed, DateTimeOffset? itemDate, DateTimeOffset writtenAt)
    {
        var tag = new KeyValuePair<string, object?>("feed", feed);
        articlesWritten.Add(1, tag);
        if (itemDate is { } date)
        {
            fetchLag.Record(Math.Max(0, (writtenAt - date).TotalSeconds), tag);
        }
    }

    public void ArticleParsed() => articlesParsed.Add(1);

    /// <summary>An article's row written: the index lag from its blob's write, and the whole lag from the item's own date (when the feed gave one).</summary>
    public void ArticleIndexed(DateTimeOffset? writtenAt, DateTimeOffset? itemDate, DateTimeOffset indexedAt)
    {
        articlesParsed.Add(1);
        if (writtenAt is { } written)
        {
            indexLag.Record(Math.Max(0, (indexedAt - written).TotalSeconds));
        }

        if (itemDate is { } date)
        {
            totalLag.Record(Math.Max(0, (indexedAt - date).TotalSeconds));
        }
    }

    public void ParseFailed() => parseFailures.Add(1);

    public void Dispose() => Meter.Dispose();

    private void Feed(Counter<long> outcome, string feed, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("feed", feed);
        outcome.Add(1, tag);
        fetchDuration.Record(duration.TotalSeconds, tag, new KeyValuePair<string, object?>("outcome", outcome.Name));
    }
}
