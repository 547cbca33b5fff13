using System.Collections.Concurrent;
using System.Diagnostics;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Testing.Feeds;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.Testing.Load;

/// <summary>What one ingest-under-load run measured.</summary>
internal sealed record IngestUnderLoadResult(
    int Feeds,
    int ItemsPerFeed,
    int BlobsWritten,
    int Parsed,
    int FetchFailures,
    int ParseFailures,
    TimeSpan Elapsed,
    int Queries,
    int QueryErrors,
    double QueryP50Milliseconds,
    double QueryP99Milliseconds,
    int ItemsServedAtEnd)
{
    public double ArticlesPerSecond => Parsed / Elapsed.TotalSeconds;
}

/// <summary>
/// Ingests a local site of synthetic feeds (one fetch pass, then every new blob parsed with the fan-out Event Grid
/// gives the blob trigger) while a bounded load generator queries GET /api/items over HTTP the whole time.
/// </summary>
internal static class IngestUnderLoad
{
    public static async Task<IngestUnderLoadResult> RunAsync(string connection, int feeds, int itemsPerFeed, int queryWorkers, CancellationToken cancellationToken)
    {
        await using var site = await SyntheticFeedServer.StartAsync(feeds, itemsPerFeed, cancellationToken).ConfigureAwait(false);
        var name = "ingest" + Guid.NewGuid().ToString("N")[..8];
        await using var api = await BenchApi.StartAsync(connection, name, new TableRequestLog(), cancellationToken, new Dictionary<string, string?>
        {
            ["Feeds"] = site.FeedsSetting(feeds),
            ["Storage:FailuresTable"] = name + "failures",
            ["Storage:FeedsTable"] = name + "feeds",
            ["Fetch:MaxParallelFeeds"] = "8",
        }).ConfigureAwait(false);

        using var stopQueries = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var queries = Enumerable.Range(0, queryWorkers).Select(_ => Task.Run(async () =>
        {
            // Bounded: at most 100,000 queries per worker, and never past the ingest.
            for (var i = 0; i < 100_000 && !stopQueries.IsCancellationRequested; i++)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(new Uri("api/items?limit=20", UriKind.Relative), stopQueries.Token).ConfigureAwait(false);
                    await response.Content.LoadIntoBufferAsync(stopQueries.Token).ConfigureAwait(false);
                    if ((int)response.StatusCode is not (200 or 304))
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (OperationCanceledException) when (stopQueries.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }, CancellationToken.None)).ToList();

        var elapsed = Stopwatch.StartNew();
        var report = await api.Get<FetchService>().RunAsync(null, cancellationToken).ConfigureAwait(false);
        var parse = api.Get<ParseService>();
        var parsed = 0;
        var parseFailures = 0;
        await Parallel.ForEachAsync(report.WrittenBlobs, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (blob, ct) =>
        {
            var outcome = await parse.ParseBlobAsync(blob, ct).ConfigureAwait(false);
            Interlocked.Increment(ref outcome.Succeeded ? ref parsed : ref parseFailures);
        }).ConfigureAwait(false);
        elapsed.Stop();

        await stopQueries.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(queries).ConfigureAwait(false);

        using var last = await http.GetAsync(new Uri("api/items?limit=100", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var served = System.Text.Json.JsonDocument.Parse(await last.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).RootElement.GetProperty("items").GetArrayLength();

        var sorted = latencies.Order().ToArray();
        return new IngestUnderLoadResult(feeds, itemsPerFeed, report.New, parsed, report.Failed, parseFailures, elapsed.Elapsed,
            sorted.Length, errors, Percentile(sorted, 0.50), Percentile(sorted, 0.99), served);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
