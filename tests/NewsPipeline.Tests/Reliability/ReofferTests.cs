using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Reliability;

/// <summary>
/// In Azure, Event Grid parses what a fetch writes; blobs an attempt stored before storage cut it short get no new event
/// when the redelivered message finds them. The FetchFeeds function parses those itself, and only those.
/// </summary>
public sealed class ReofferTests
{
    [Fact]
    public async Task The_queue_function_parses_blobs_an_interrupted_attempt_stored_but_never_indexed()
    {
        await using var server = await FeedServer.StartAsync();
        var url = server.Serve("cut.xml", """<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>""" +
            string.Concat(Enumerable.Range(0, 3).Select(i => $"<item><title>Story {i}</title><link>https://cut.example/{i}</link><pubDate>Tue, 01 Dec 2026 0{i}:00:00 GMT</pubDate></item>")) +
            "</channel></rss>");
        await using var pipeline = await TestPipeline.CreateAsync($"cut={url}");
        await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        // The interrupted attempt: every blob stored, nothing parsed, and the feed's row never saved.
        var stored = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        await pipeline.Get<FeedRegistryStore>().UpdateAsync("cut", f => f with { RecentItemIds = [], ETag = null, LastModified = null, NextCheckAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, CancellationToken.None);

        var redelivered = await pipeline.ScheduleAndFetchAsync();
        var index = pipeline.Get<ArticleIndexStore>();
        var listed = 0;
        foreach (var blob in stored.WrittenBlobs)
        {
            listed += await index.IsListedUnderAsync(Path.GetFileNameWithoutExtension(blob), "cut", CancellationToken.None) ? 1 : 0;
        }

        Assert.Equal(3, stored.New);
        var feed = Assert.Single(redelivered.Feeds);
        Assert.Equal(0, feed.New);
        Assert.Equal(stored.WrittenBlobs.Order(StringComparer.Ordinal), feed.Reoffered.Order(StringComparer.Ordinal));
        Assert.Equal(3, listed);

        // The next fetch knows them: no read, nothing offered again.
        await pipeline.Get<FeedRegistryStore>().UpdateAsync("cut", f => f with { ETag = null, LastModified = null, NextCheckAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, CancellationToken.None);
        var again = Assert.Single((await pipeline.ScheduleAndFetchAsync()).Feeds);
        Assert.Empty(again.Reoffered);
    }
}
