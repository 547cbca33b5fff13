using NewsPipeline.Testing.Load;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Scheduling;

/// <summary>The small version of the <c>fetch</c> load test (bench/NewsPipeline.LoadTests), run in CI: the same harness, 120 feeds on 12 loopback hosts.</summary>
public sealed class FetchAtScaleTests
{
    [Fact]
    public async Task Every_pass_fetches_every_feed_once_one_request_per_host_at_a_time_and_costs_grow_with_the_work()
    {
        const int feeds = 120;
        var passes = await FetchAtScale.RunAsync(await AzuriteServer.ConnectionStringAsync(), feeds, hosts: 12, itemsPerFeed: 3, changedShare: 0.1,
            workers: 6, seeding: null, passDone: null, CancellationToken.None);

        Assert.Equal(4, passes.Count);
        Assert.All(passes, p =>
        {
            Assert.Equal(feeds, p.FeedsFetched);
            Assert.Equal(feeds, p.FeedRequests);
            Assert.Equal(1, p.MostAtOnceOnOneHost);
            // One message per host: a host's feeds travel together.
            Assert.Equal(12, p.Messages);
            // The due query, one claim, one read and one write per feed: nothing per feed stored or article kept.
            Assert.InRange(p.TableRequests, 3 * feeds, 3 * feeds + 3);
        });
        var (first, unchanged, changed) = (passes[0], passes[1], passes[2]);
        Assert.Equal(feeds * 3, first.BlobsWritten);
        Assert.Equal(feeds, unchanged.NotModified);
        Assert.Equal(0, unchanged.BlobsWritten);
        Assert.Equal(0, unchanged.BlobRequests);
        // 12 feeds changed, one new item each: exactly 12 uploads, the known items skipped without a request.
        Assert.Equal(feeds - 12, changed.NotModified);
        Assert.Equal(12, changed.BlobsWritten);
        Assert.Equal(12, changed.BlobRequests);
        // The alternative in the same run: without the known ids each changed feed offers all 3 items again (2 answered 409).
        Assert.Equal(12, passes[3].BlobsWritten);
        Assert.Equal(12 * 3, passes[3].BlobRequests);
    }
}
