using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

public sealed class FeedPolitenessTests
{
    [Fact]
    public async Task Feeds_on_one_host_are_fetched_one_request_at_a_time_while_other_hosts_go_on()
    {
        await using var shared = await FeedServer.StartAsync();
        await using var other = await FeedServer.StartAsync();
        int inFlight = 0, maxInFlight = 0, otherInFlightWhileShared = 0;
        var body = File.ReadAllBytes(RepositoryPaths.Fixture("feeds", "rss2-basic.xml"));
        var feeds = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            feeds.Add($"shared{i}=" + shared.Handle($"feed{i}.xml", async context =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                await Task.Delay(150);
                Interlocked.Decrement(ref inFlight);
                await context.Response.Body.WriteAsync(body);
            }));
        }

        feeds.Add("other=" + other.Handle("feed.xml", async context =>
        {
            // Wait (bounded) to overlap a request to the busy host: possible only if that host's gate does not hold this one.
            for (var waited = 0; waited < 100 && Volatile.Read(ref inFlight) == 0; waited++)
            {
                await Task.Delay(50);
            }

            otherInFlightWhileShared = Volatile.Read(ref inFlight);
            await context.Response.Body.WriteAsync(body);
        }));
        await using var pipeline = await TestPipeline.CreateAsync(string.Join(';', feeds), new Dictionary<string, string?> { ["Fetch:MaxParallelFeeds"] = "5" });

        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);

        Assert.Equal(0, report.Failed);
        Assert.Equal(5, report.Feeds.Count(f => f.Status == FeedFetchStatus.Fetched));
        Assert.Equal(1, maxInFlight);
        // The other host was not made to wait for the busy one.
        Assert.Equal(1, otherInFlightWhileShared);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
