using NewsPipeline.Testing.Load;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Scheduling;

/// <summary>The <c>fetch</c> load test (bench/NewsPipeline.LoadTests) as a test: 120 feeds on 12 loopback hosts in the default run, 600 on 60 in the Scale run.</summary>
public sealed class FetchAtScaleTests
{
    [Fact]
    public async Task Every_pass_fetches_every_feed_once_one_request_per_host_at_a_time_and_costs_grow_with_the_work() =>
        await PassesAsync(feeds: 120, hosts: 12);

    [Fact]
    [Trait("Category", "Scale")]
    public async Task At_600_feeds_on_60_hosts_every_pass_fetches_every_feed_once_one_request_per_host_at_a_time() =>
        await PassesAsync(feeds: 600, hosts: 60);

    private static async Task PassesAsync(int feeds, int hosts)
    {
        var passes = await FetchAtScale.RunAsync(await AzuriteServer.ConnectionStringAsync(), feeds, hosts: hosts, itemsPerFeed: 3, changedShare: 0.1,
            workers: 6, seeding: null, passDone: null, CancellationToken.None);

        Assert.Equal(4, passes.Count);
        Assert.All(passes, p =>
        {
            Assert.Equal(feeds, p.FeedsFetched);
            Assert.Equal(feeds, p.FeedRequests);
            Assert.Equal(1, p.MostAtOnceOnOneHost);
            // One message per host: a host's feeds travel together.
            Assert.Equal(hosts, p.Messages);
            // The due query, one claim, one read and one write per feed: nothing per feed stored or article kept.
            Assert.InRange(p.TableRequests, 3 * feeds, 3 * feeds + 3);
        });
        var changedFeeds = feeds / 10;
        var (first, unchanged, changed) = (passes[0], passes[1], passes[2]);
        Assert.Equal(feeds * 3, first.BlobsWritten);
        Assert.Equal(feeds, unchanged.NotModified);
        Assert.Equal(0, unchanged.BlobsWritten);
        Assert.Equal(0, unchanged.BlobRequests);
        // A tenth of the feeds changed, one new item each: exactly that many uploads, the known items skipped without a request.
        Assert.Equal(feeds - changedFeeds, changed.NotModified);
        Assert.Equal(changedFeeds, changed.BlobsWritten);
        Assert.Equal(changedFeeds, changed.BlobRequests);
        // The alternative in the same run: without the known ids each changed feed offers all 3 items again (2 answered 409).
        Assert.Equal(changedFeeds, passes[3].BlobsWritten);
        Assert.Equal(changedFeeds * 3, passes[3].BlobRequests);
    }
}
