using System.Diagnostics;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Composition;
using NewsPipeline.Core.Model;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Scheduling;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Queues;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Testing.Feeds;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.Testing.Load;

/// <summary>One pass of the fetch simulation: every feed due, scheduled, queued, fetched.</summary>
internal sealed record FetchPassResult(
    string Pass,
    int Feeds,
    TimeSpan Elapsed,
    int FeedsFetched,
    int FeedRequests,
    int NotModified,
    int BlobsWritten,
    int TableRequests,
    int BlobRequests,
    int QueueRequests,
    int Messages,
    int MostAtOnceOnOneHost,
    IReadOnlyList<(double Seconds, int Depth)> QueueDepth)
{
    public int StorageRequests => TableRequests + BlobRequests + QueueRequests;
}

/// <summary>
/// The <c>fetch</c> load test (bench/NewsPipeline.LoadTests): FEEDS feeds on HOSTS loopback addresses, in the
/// registry, fetched by the real scheduler, the real <c>feed-fetch</c> queue on Azurite and in-process queue workers
/// (what Functions instances do in Azure): a first pass that stores everything, a pass with every feed unchanged, and
/// a pass with a share of them changed.
/// Every storage request is counted on the client side, after retries, whatever Azurite's speed.
/// </summary>
internal static class FetchAtScale
{
    public static async Task<IReadOnlyList<FetchPassResult>> RunAsync(string connection, int feeds, int hosts, int itemsPerFeed, double changedShare,
        int workers, IProgress<BatchProgress>? seeding, Action<string>? passDone, CancellationToken cancellationToken)
    {
        await using var site = await ManyHostFeedServer.StartAsync(hosts, feeds, itemsPerFeed, cancellationToken).ConfigureAwait(false);
        var name = "fetchbench" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ArticleStorage"] = connection,
            ["Storage:ArticlesContainer"] = name,
            ["Storage:ArticlesTable"] = name + "articles",
            ["Storage:FailuresTable"] = name + "failures",
            ["Storage:FeedsTable"] = name + "feeds",
            ["Storage:FetchQueue"] = name,
            ["Schedule:MaxClaimsPerRun"] = feeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Schedule:ClaimParallelism"] = "32",
            ["Fetch:TimeoutSeconds"] = "20",
            // The harness's feed servers are on loopback, as in every `newsfeed` command.
            [LocalConfiguration.AllowPrivateNetworks] = "true",
        }).Build();
        var tables = new TableRequestLog();
        var blobs = new TableRequestLog();
        var queue = new TableRequestLog();
        var clock = new ShiftedClock();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNewsPipelineCore(configuration).AddLocalHosting();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(RecordedStorage.Clients(connection, tables, blobs, queue));
        await using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<FeedRegistryStore>();
        var start = clock.GetUtcNow();
        for (var done = 0; done < feeds; done += 1000)
        {
            var chunk = Enumerable.Range(done, Math.Min(1000, feeds - done))
                .Select(f => new FeedRecord { Name = "f" + f.ToString(System.Globalization.CultureInfo.InvariantCulture), Url = site.UrlOf(f), NextCheckAt = start });
            await registry.AddManyAsync(chunk, cancellationToken).ConfigureAwait(false);
            seeding?.Report(new BatchProgress(Math.Min(feeds, done + 1000), feeds, 0, "feeds table"));
        }

        await provider.GetRequiredService<FetchQueueStore>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // Sampled through a client of its own, so that watching the queue is not counted as the pipeline's cost.
        var depthProbe = new QueueClient(connection, name, StorageClients.QueueOptions);
        var random = new Random(42);
        var results = new List<FetchPassResult>();
        var fetchOptions = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Services.Fetching.FetchOptions>>().Value;
        string[] passes = ["first fetch (all new)", "all unchanged", $"{changedShare:P0} changed", $"{changedShare:P0} changed, known items not skipped"];
        foreach (var pass in passes)
        {
            if (results.Count > 0)
            {
                // Past every feed's longest interval: all are due again.
                clock.Advance(TimeSpan.FromDays(8));
            }

            // The alternative, measured in the same run: every item of a changed feed offered to the store again
            // (answered 409 when stored), as the pipeline did before it kept recent item ids (Fetch__SkipKnownItems=false).
            fetchOptions.SkipKnownItems = results.Count != 3;
            if (results.Count >= 2)
            {
                foreach (var feed in Enumerable.Range(0, feeds).OrderBy(_ => random.Next()).Take((int)Math.Round(feeds * changedShare)))
                {
                    site.Change(feed);
                }
            }

            site.ResetCounters();
            tables.Clear();
            blobs.Clear();
            queue.Clear();
            results.Add(await PassAsync(pass, provider, site, depthProbe, workers, feeds, tables, blobs, queue, cancellationToken).ConfigureAwait(false));
            passDone?.Invoke(pass);
        }

        return results;
    }

    private static async Task<FetchPassResult> PassAsync(string pass, IServiceProvider provider, ManyHostFeedServer site, QueueClient depthProbe, int workers, int feeds,
        TableRequestLog tables, TableRequestLog blobs, TableRequestLog queue, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var fetched = 0;
        var written = 0;
        var target = int.MaxValue;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded: a pass that has not finished in 30 minutes is reported as it stands.
        done.CancelAfter(TimeSpan.FromMinutes(30));
        Task Count(FetchMessageReport report, CancellationToken ct)
        {
            Interlocked.Add(ref written, report.New);
            if (Interlocked.Add(ref fetched, report.Fetched.Count) >= Volatile.Read(ref target))
            {
                done.Cancel();
            }

            return Task.CompletedTask;
        }

        var depth = new List<(double, int)>();
        var sampling = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var properties = await depthProbe.GetPropertiesAsync(CancellationToken.None).ConfigureAwait(false);
                depth.Add((watch.Elapsed.TotalSeconds, properties.Value.ApproximateMessagesCount));
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None), Task.Delay(Timeout.Infinite, done.Token)).ConfigureAwait(false);
            }
        }, CancellationToken.None);

        // The workers run while the scheduler claims, as Functions instances do: they start on the first hosts' messages.
        var working = provider.GetRequiredService<FetchQueueConsumer>().RunAsync(workers, TimeSpan.FromMilliseconds(100), Count, done.Token);
        var schedule = await provider.GetRequiredService<FeedScheduler>().RunAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref target, schedule.Claimed);
        if (Volatile.Read(ref fetched) >= schedule.Claimed)
        {
            done.Cancel();
        }

        await working.ConfigureAwait(false);
        watch.Stop();
        done.Cancel();
        await sampling.ConfigureAwait(false);
        return new FetchPassResult(pass, feeds, watch.Elapsed, fetched, site.Requests, site.NotModified, written,
            tables.Requests.Count, blobs.Requests.Count, queue.Requests.Count, schedule.Messages, site.MostAtOnceOnOneHost, depth);
    }

    /// <summary>The system clock moved forward on demand, so that every feed is due again without waiting a day.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private long offsetTicks;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

        public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
    }
}
