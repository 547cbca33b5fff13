using Azure;
using Azure.Storage.Blobs;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Testing.Feeds;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Reliability;

/// <summary>
/// Azurite is stopped in the middle of a fetch pass and of a parse batch, then started again on the same data.
/// The failure reaches the caller (the Functions host logs it and the timer or Event Grid tries again); the next
/// pass completes; every article ends up exactly once in blobs and in the table.
/// </summary>
public sealed class StorageOutageTests
{
    private const int Articles = 300;

    [Fact]
    public async Task Storage_stopped_mid_fetch_and_mid_parse_loses_nothing_and_duplicates_nothing()
    {
        var location = Path.Combine(Path.GetTempPath(), "newspipeline-outage-" + Guid.NewGuid().ToString("N")[..8]);
        int[] ports = AzuriteProcess.FreePorts(3);
        var azurite = await AzuriteServer.StartPrivateAsync(inMemory: false, location, ports);
        try
        {
            await using var server = await FeedServer.StartAsync();
            var url = server.Serve("big.xml", SyntheticFeedServer.Rss(1, Articles));
            await using var pipeline = await TestPipeline.CreateAsync($"big={url}", connectionString: azurite.ConnectionString);
            var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(pipeline.Storage.ArticlesContainer);

            // Fetch: stop storage once some articles are written.
            var pass = pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
            await Eventually.UntilAsync(async () => await Eventually.BlobCountAsync(container) >= 40 || pass.IsCompleted);
            await azurite.DisposeAsync();
            var fetchFailure = await Record.ExceptionAsync(() => pass);
            Assert.True(fetchFailure is RequestFailedException or AggregateException, $"the outage must reach the caller, got {fetchFailure?.GetType().Name ?? "no exception"}");

            azurite = await AzuriteServer.StartPrivateAsync(inMemory: false, location, ports);
            var retry = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
            Assert.Equal(0, retry.Failed);
            var names = await pipeline.Get<ArticleBlobStore>().ListAsync(null, CancellationToken.None).ToListAsync();
            Assert.Equal(Articles, names.Count);
            Assert.Equal(Articles, names.Distinct().Count());

            // Parse: deliver every blob; storage stops part-way; undelivered and failed ones are delivered again.
            var parse = pipeline.Get<ParseService>();
            var delivered = new List<string>();
            Exception? parseFailure = null;
            foreach (var name in names)
            {
                if (delivered.Count == 60)
                {
                    await azurite.DisposeAsync();
                }

                try
                {
                    await parse.ParseBlobAsync(name, CancellationToken.None);
                    delivered.Add(name);
                }
                catch (Exception e) when (e is RequestFailedException or AggregateException)
                {
                    parseFailure = e;
                    break;
                }
            }

            Assert.NotNull(parseFailure);
            Assert.Equal(60, delivered.Count);
            azurite = await AzuriteServer.StartPrivateAsync(inMemory: false, location, ports);
            // Event Grid delivers at least once: redeliver everything, the ones that succeeded too.
            foreach (var name in names)
            {
                Assert.True((await parse.ParseBlobAsync(name, CancellationToken.None)).Succeeded);
            }

            var rows = await TableRows.CountAsync(azurite.ConnectionString, pipeline.Storage);
            foreach (var kind in new[] { "id", "all", "source" })
            {
                Assert.Equal(Articles, rows.Ids(kind).Count);
                Assert.Equal(Articles, rows.Ids(kind).Distinct().Count());
            }
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }
}
