using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Testing.Feeds;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

public sealed class ConcurrentFetchTests
{
    [Fact]
    public async Task Two_fetch_passes_at_once_over_the_same_feeds_store_every_article_exactly_once()
    {
        await using var server = await FeedServer.StartAsync();
        var feeds = string.Join(';', Enumerable.Range(1, 4).Select(f => $"feed{f}={server.Serve($"feed{f}.xml", SyntheticFeedServer.Rss(f, 60))}"));
        // Two hosts (two Function instances) sharing one storage account: separate service containers, same names.
        await using var first = await TestPipeline.CreateAsync(feeds);
        var shared = new Dictionary<string, string?>
        {
            ["Storage:ArticlesContainer"] = first.Storage.ArticlesContainer,
            ["Storage:ArticlesTable"] = first.Storage.ArticlesTable,
            ["Storage:FailuresTable"] = first.Storage.FailuresTable,
            ["Storage:StoriesTable"] = first.Storage.StoriesTable,
            ["Storage:FeedsTable"] = first.Storage.FeedsTable,
            ["Storage:FetchQueue"] = first.Storage.FetchQueue,
        };
        await using var second = await TestPipeline.CreateAsync(feeds, shared);

        var reports = await Task.WhenAll(
            first.Get<FetchService>().RunAsync(null, CancellationToken.None),
            second.Get<FetchService>().RunAsync(null, CancellationToken.None));

        var blobs = await first.Get<ArticleBlobStore>().ListAsync(null, CancellationToken.None).ToListAsync();
        Assert.Equal(240, blobs.Count);
        Assert.Equal(240, blobs.Distinct().Count());
        // Each article was created by exactly one of the two passes; the other found it there.
        Assert.Equal(240, reports.Sum(r => r.New));
        Assert.Empty(reports[0].WrittenBlobs.Intersect(reports[1].WrittenBlobs));
    }
}
