using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Testing.Storage;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Reliability;

/// <summary>
/// Issue 11: every blob ends as rows or as a recorded failure without an operator. The outage (storage stopped
/// part-way through a fetch; the next pass finds the blobs "already stored" and parses only the new ones) ends with
/// every blob indexed after a reconciliation pass; dead-lettered Event Grid events are replayed; a pass reads only the
/// days it checks.
/// </summary>
public sealed class ReconcileTests
{
    private const int Articles = 200;

    private static readonly Dictionary<string, string?> NoSettle = new() { ["Reconcile:SettleMinutes"] = "0" };

    [Fact]
    public async Task After_an_outage_mid_fetch_the_blobs_the_next_pass_found_already_stored_are_indexed_by_the_reconciliation()
    {
        var location = Path.Combine(Path.GetTempPath(), "newspipeline-reconcile-" + Guid.NewGuid().ToString("N")[..8]);
        int[] ports = AzuriteProcess.FreePorts(3);
        var azurite = await AzuriteServer.StartPrivateAsync(inMemory: false, location, ports);
        try
        {
            await using var server = await FeedServer.StartAsync();
            var url = server.Serve("big.xml", RecentRss(Articles, DateTimeOffset.UtcNow));
            await using var pipeline = await TestPipeline.CreateAsync($"big={url}", NoSettle, connectionString: azurite.ConnectionString);
            var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(pipeline.Storage.ArticlesContainer);

            // As `newsfeed run` does: a fetch pass, then a parse of each blob it reports written. Storage stops mid-pass.
            var pass = pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
            await Eventually.UntilAsync(async () => await Eventually.BlobCountAsync(container) >= 30 || pass.IsCompleted);
            await azurite.DisposeAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => pass);

            azurite = await AzuriteServer.StartPrivateAsync(inMemory: false, location, ports);
            var retry = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
            foreach (var blob in retry.WrittenBlobs)
            {
                Assert.True((await pipeline.Get<ParseService>().ParseBlobAsync(blob, CancellationToken.None)).Succeeded);
            }

            var names = await pipeline.Get<ArticleBlobStore>().ListAsync(null, CancellationToken.None).ToListAsync();
            var stranded = names.Count - retry.WrittenBlobs.Count();
            Assert.Equal(Articles, names.Count);
            Assert.True(stranded > 0, "the outage must leave blobs the retry found already stored");
            var before = await TableRows.CountAsync(azurite.ConnectionString, pipeline.Storage);
            Assert.Equal(Articles - stranded, before.Ids("id").Count);
            Assert.Empty(await pipeline.Get<ParseFailureStore>().ListAsync(CancellationToken.None).ToListAsync());

            var summary = await pipeline.Get<ReconcileService>().RunAsync(CancellationToken.None);

            Assert.Equal(new ReconcileSummary(Articles, stranded, stranded, 0, 0), summary);
            var after = await TableRows.CountAsync(azurite.ConnectionString, pipeline.Storage);
            foreach (var kind in new[] { "id", "all", "source" })
            {
                Assert.Equal(Articles, after.Ids(kind).Distinct().Count());
                Assert.Equal(Articles, after.Ids(kind).Count);
            }

            // The next pass finds nothing to do and parses nothing.
            Assert.Equal(new ReconcileSummary(Articles, 0, 0, 0, 0), await pipeline.Get<ReconcileService>().RunAsync(CancellationToken.None));
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task A_blob_no_parser_can_read_ends_as_a_recorded_failure_and_is_not_parsed_again_by_the_next_pass()
    {
        await using var pipeline = await TestPipeline.CreateAsync(string.Empty, NoSettle);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var poison = ArticleBlobName.DayPrefix("wire", today) + new string('a', 40) + ".md";
        await pipeline.Get<ArticleBlobStore>().TryCreateAsync(poison, "%PDF-1.7 not an article", CancellationToken.None);

        var first = await pipeline.Get<ReconcileService>().RunAsync(CancellationToken.None);
        var second = await pipeline.Get<ReconcileService>().RunAsync(CancellationToken.None);

        Assert.Equal(new ReconcileSummary(1, 1, 0, 1, 0), first);
        Assert.Equal(poison, Assert.Single(await pipeline.Get<ParseFailureStore>().ListAsync(CancellationToken.None).ToListAsync()).BlobName);
        // Accounted for: a recorded failure is an end; it waits for a parser fix and `newsfeed reindex`.
        Assert.Equal(new ReconcileSummary(1, 0, 0, 0, 0), second);
    }

    [Fact]
    public async Task Only_the_recent_days_are_listed_and_blobs_younger_than_the_settle_time_are_left_to_their_delivery()
    {
        await using var pipeline = await TestPipeline.CreateAsync(string.Empty);
        var blobs = pipeline.Get<ArticleBlobStore>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // An archive of older days, none of it indexed: a pass over the last two days must not even list it.
        for (var i = 0; i < 20; i++)
        {
            var day = today.AddDays(-3 - i);
            await blobs.TryCreateAsync(ArticleBlobName.DayPrefix("wire", day) + Id(i) + ".md", Document(i, day), CancellationToken.None);
        }

        var recent = ArticleBlobName.DayPrefix("wire", today) + Id(100) + ".md";
        await blobs.TryCreateAsync(recent, Document(100, today), CancellationToken.None);

        // Settle: 15 minutes by default, so the blob just written is its Event Grid delivery's to parse.
        var settling = await pipeline.Get<ReconcileService>().RunAsync(CancellationToken.None);
        var now = await pipeline.Get<ReconcileService>().RunAsync(days: 2, TimeSpan.Zero, null, CancellationToken.None);

        Assert.Equal(new ReconcileSummary(0, 0, 0, 0, 0), settling);
        Assert.Equal(new ReconcileSummary(1, 1, 1, 0, 0), now);
        Assert.NotNull(await pipeline.Get<ArticleIndexStore>().GetAsync(Id(100), CancellationToken.None));
        Assert.Null(await pipeline.Get<ArticleIndexStore>().GetAsync(Id(0), CancellationToken.None));
    }

    [Fact]
    public async Task Dead_lettered_events_are_replayed_and_removed_and_an_unreadable_one_is_kept_for_an_operator()
    {
        await using var pipeline = await TestPipeline.CreateAsync(string.Empty, new Dictionary<string, string?>
        {
            ["Storage:DeadLetterContainer"] = "deadletter-" + Guid.NewGuid().ToString("N")[..10],
        });
        var blobs = pipeline.Get<ArticleBlobStore>();
        // Filed under a day no pass checks: only the dead-letter replay can bring it back.
        var old = new DateOnly(2024, 3, 9);
        var lost = ArticleBlobName.DayPrefix("wire", old) + Id(7) + ".md";
        await blobs.TryCreateAsync(lost, Document(7, old), CancellationToken.None);
        var deadLetters = new BlobServiceClient(await AzuriteServer.ConnectionStringAsync()).GetBlobContainerClient(pipeline.Storage.DeadLetterContainer);
        await deadLetters.CreateIfNotExistsAsync();
        var topicPath = "topic/parse-article/2026/12/02/10/";
        // Event Grid's schema as it dead-letters: an array of events, with its own delivery fields beside them.
        await deadLetters.UploadBlobAsync(topicPath + "batch-1.json", BinaryData.FromString($$"""
            [{"id":"1","eventType":"Microsoft.Storage.BlobCreated","subject":"/blobServices/default/containers/{{pipeline.Storage.ArticlesContainer}}/blobs/{{lost}}",
              "eventTime":"2026-12-02T10:00:00Z","data":{"api":"PutBlob","url":"https://st.blob.core.windows.net/x"},"dataVersion":"","metadataVersion":"1",
              "deadLetterReason":"MaxDeliveryAttemptsExceeded","deliveryAttempts":30,"lastDeliveryOutcome":"Unavailable"}]
            """));
        await deadLetters.UploadBlobAsync(topicPath + "batch-2.json", BinaryData.FromString("this is not JSON"));

        var summary = await pipeline.Get<ReconcileService>().RunAsync(days: 1, TimeSpan.Zero, null, CancellationToken.None);

        Assert.Equal(1, summary.Replayed);
        Assert.Equal(lost, (await pipeline.Get<ArticleIndexStore>().GetAsync(Id(7), CancellationToken.None))?.BlobName);
        var left = await deadLetters.GetBlobsAsync().Select(b => b.Name).ToListAsync();
        Assert.Equal([topicPath + "batch-2.json"], left);
    }

    [Fact]
    public async Task A_parse_that_succeeds_sends_nothing_to_the_failures_table_and_one_after_a_failure_clears_it()
    {
        var log = new TableRequestLog();
        await using var pipeline = await TestPipeline.CreateAsync(string.Empty, configure: services => services.AddSingleton(provider =>
            RecordedStorage.Clients(provider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ArticleStorage"]!, tables: log)));
        var blobs = pipeline.Get<ArticleBlobStore>();
        var parse = pipeline.Get<ParseService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var good = ArticleBlobName.DayPrefix("wire", today) + Id(1) + ".md";
        var fixedLater = ArticleBlobName.DayPrefix("wire", today) + Id(2) + ".md";
        await blobs.TryCreateAsync(good, Document(1, today), CancellationToken.None);
        await blobs.TryCreateAsync(fixedLater, "not yet an article", CancellationToken.None);
        await parse.ParseBlobAsync(fixedLater, CancellationToken.None);
        await pipeline.Get<ParseFailureStore>().ListAsync(CancellationToken.None).ToListAsync();
        log.Clear();

        Assert.True((await parse.ParseBlobAsync(good, CancellationToken.None)).Succeeded);
        Assert.NotEmpty(log.Requests);
        Assert.DoesNotContain(log.Requests, r => r.Path.Contains(pipeline.Storage.FailuresTable, StringComparison.Ordinal));

        // The document is repaired in place (an operator's upload); its next delivery clears the recorded failure.
        await pipeline.Get<NewsPipeline.Core.Storage.StorageClients>().Blobs.GetBlobContainerClient(pipeline.Storage.ArticlesContainer).GetBlobClient(fixedLater)
            .UploadAsync(BinaryData.FromString(Document(2, today)), new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                Metadata = await blobs.GetMetadataAsync(fixedLater, CancellationToken.None),
            });
        Assert.True((await parse.ParseBlobAsync(fixedLater, CancellationToken.None)).Succeeded);
        Assert.Empty(await pipeline.Get<ParseFailureStore>().ListAsync(CancellationToken.None).ToListAsync());
    }

    internal static string Id(int i) => i.ToString("x40", CultureInfo.InvariantCulture);

    internal static string Document(int i, DateOnly day) =>
        $"<!--{new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).ToUnixTimeMilliseconds()}-->\n" +
        $"[Story {i}](https://wire.example/story/{i})\n------\n\n" +
        $"<p>Paragraph one of story {i}, long enough to be a summary of what happened on the day.</p><p>Second paragraph.</p>\n";

    /// <summary>An RSS feed whose items are dated in the last hours: filed under the days a reconciliation checks.</summary>
    private static string RecentRss(int items, DateTimeOffset now)
    {
        var rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title><link>https://big.example/</link>");
        for (var i = 0; i < items; i++)
        {
            rss.Append(CultureInfo.InvariantCulture, $"<item><title>Story {i}</title><link>https://big.example/story/{i}</link><pubDate>{now.AddMinutes(-i - 1).UtcDateTime:R}</pubDate><description><![CDATA[<p>Paragraph one of story {i}, long enough to summarise.</p>]]></description></item>");
        }

        return rss.Append("</channel></rss>").ToString();
    }
}
