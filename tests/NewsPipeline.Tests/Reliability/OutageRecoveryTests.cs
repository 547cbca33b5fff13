using System.Diagnostics;
using Azure.Storage.Blobs;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Services.Scheduling;
using NewsPipeline.Testing.Feeds;
using NewsPipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NewsPipeline.Tests.Reliability;

/// <summary>
/// Azurite stops part-way through a big feed's fetch in <c>newsfeed run</c>'s queue loop, and starts again on the same
/// data. Nobody runs a command: the loop sees storage answer again, the interrupted message comes back within its retry
/// delay, and the redelivery parses what it writes and what the interrupted attempt stored but never indexed. Every
/// article is queryable well before the hourly reconciliation would have found it.
/// </summary>
public sealed class OutageRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Articles_an_outage_left_unparsed_are_queryable_minutes_after_storage_returns() => await RecoverAsync(300);

    [Fact]
    [Trait("Category", "Scale")]
    public async Task A_1500_item_feed_cut_by_an_outage_is_fully_queryable_minutes_after_storage_returns() => await RecoverAsync(1_500);

    private async Task RecoverAsync(int articles)
    {
        var location = Path.Combine(Path.GetTempPath(), "newspipeline-recovery-" + Guid.NewGuid().ToString("N")[..8]);
        int[] ports = AzuriteProcess.FreePorts(3);
        var azurite = await AzuriteServer.StartPrivateAsync(inMemory: false, location, ports);
        using var stop = new CancellationTokenSource();
        try
        {
            await using var server = await FeedServer.StartAsync();
            var url = server.Serve("big.xml", SyntheticFeedServer.Rss(1, articles));
            // Recovery is the subject, not stories: on Azurite each story query scans the whole stories table, which a
            // 1,500-item feed makes quadratic (StorySettings.Enabled).
            await using var pipeline = await TestPipeline.CreateAsync($"big={url}",
                new Dictionary<string, string?> { ["Stories:Enabled"] = articles > 1000 ? "false" : "true" }, connectionString: azurite.ConnectionString);
            await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
            await pipeline.Get<FeedScheduler>().RunAsync(CancellationToken.None);
            var parse = pipeline.Get<ParseService>();
            var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(pipeline.Storage.ArticlesContainer);

            // newsfeed run's loop: each feed's blobs (written, or re-offered) parsed as soon as the feed is done.
            var loop = pipeline.Get<FetchQueueConsumer>().RunAsync(1, TimeSpan.FromMilliseconds(100), null, stop.Token, async (feed, ct) =>
            {
                foreach (var blob in feed.ToParse)
                {
                    await parse.ParseBlobAsync(blob, ct);
                }
            });

            await Eventually.UntilAsync(async () => await Eventually.BlobCountAsync(container) >= articles / 4);
            await azurite.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            azurite = await AzuriteServer.StartPrivateAsync(inMemory: false, location, ports);
            var back = Stopwatch.StartNew();
            var stored = await Eventually.BlobCountAsync(container);

            var indexed = 0;
            while (back.Elapsed < TimeSpan.FromMinutes(5) && !loop.IsCompleted)
            {
                try
                {
                    indexed = (await TableRows.CountAsync(azurite.ConnectionString, pipeline.Storage)).Ids("source").Distinct().Count();
                }
                catch (Azure.RequestFailedException e) when (e.Status == 404)
                {
                    // No article parsed yet: the interrupted attempt never got to its parses, so the table is not made.
                }

                if (indexed == articles)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            output.WriteLine($"{articles} articles, {stored} stored before the outage; every article queryable {back.Elapsed.TotalSeconds:0.0} s after storage returned.");
            Assert.True(stored < articles, "the outage came after the whole feed was stored: nothing was interrupted");
            Assert.Equal(articles, indexed);
            Assert.Equal(articles, (await TableRows.CountAsync(azurite.ConnectionString, pipeline.Storage)).Ids("all").Count);
        }
        finally
        {
            await stop.CancelAsync();
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }
}
