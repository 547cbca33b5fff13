using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Services.Scheduling;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Queues;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Functions;
using NewsPipeline.Testing.Feeds;
using NewsPipeline.Testing.Storage;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Scheduling;

/// <summary>The scheduler, the fetch queue and the workers against Azurite and real loopback feed servers.</summary>
public sealed class FeedSchedulingTests
{
    [Fact]
    public async Task Two_schedulers_at_once_enqueue_each_due_feed_exactly_once_grouped_by_host()
    {
        await using var east = await FeedServer.StartAsync();
        await using var west = await FeedServer.StartAsync();
        var feeds = string.Join(';', Enumerable.Range(1, 60).Select(f =>
            $"f{f}={(f % 2 == 0 ? east : west).Serve($"feed{f}.xml", SyntheticFeedServer.Rss(f, 2))}"));
        await using var first = await TestPipeline.CreateAsync(feeds);
        await first.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        // A second instance on the same storage: its own services, the same registry and queue.
        await using var second = await TestPipeline.CreateAsync(feeds, first.SharedStorage());

        var runs = await Task.WhenAll(first.Get<FeedScheduler>().RunAsync(CancellationToken.None), second.Get<FeedScheduler>().RunAsync(CancellationToken.None));

        var messages = await PeekAllAsync(first);
        var enqueued = messages.SelectMany(m => m.Feeds.Select(f => f.Name)).ToList();
        Assert.Equal(60, enqueued.Count);
        Assert.Equal(60, enqueued.Distinct().Count());
        Assert.Equal(60, runs.Sum(r => r.Claimed));
        // One message holds one host's feeds: never two hosts in one message, never one feed under the wrong host.
        Assert.All(messages, m => Assert.All(m.Feeds, f => Assert.Equal(m.Host, int.Parse(f.Name[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? east.BaseAddress.Authority : west.BaseAddress.Authority)));
        Assert.InRange(messages.Count, 2, 4);
    }

    [Fact]
    public async Task A_host_with_50_feeds_is_never_asked_twice_at_once_by_several_workers_while_other_hosts_go_in_parallel()
    {
        await using var busy = await FeedServer.StartAsync();
        await using var other = await FeedServer.StartAsync();
        var feeds = string.Join(';', Enumerable.Range(1, 50).Select(f => $"busy{f}={Slow(busy, $"feed{f}.xml", f)}")
            .Concat(Enumerable.Range(1, 10).Select(f => $"other{f}={Slow(other, $"feed{f}.xml", f)}")));
        await using var pipeline = await TestPipeline.CreateAsync(feeds);
        await using var secondInstance = await TestPipeline.CreateAsync(feeds, pipeline.SharedStorage());
        await pipeline.Get<FeedScheduler>().RunAsync(CancellationToken.None);

        // Two "instances", four workers each, take messages from the one queue until all 60 feeds are fetched.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var fetched = 0;
        Task Count(FetchMessageReport report, CancellationToken ct)
        {
            if (Interlocked.Add(ref fetched, report.Fetched.Count) >= 60)
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        }

        await Task.WhenAll(
            pipeline.Get<FetchQueueConsumer>().RunAsync(4, TimeSpan.FromMilliseconds(200), Count, stop.Token),
            secondInstance.Get<FetchQueueConsumer>().RunAsync(4, TimeSpan.FromMilliseconds(200), Count, stop.Token));

        Assert.Equal(60, fetched);
        Assert.Equal(50, busy.TotalRequests);
        Assert.Equal(1, busy.MostConcurrentRequests);
        Assert.Equal(1, other.MostConcurrentRequests);
        Assert.Equal(50 * 2 + 10 * 2, (await pipeline.Get<ArticleBlobStore>().ListAsync(null, CancellationToken.None).ToListAsync()).Count);
        var registry = await pipeline.Get<FeedRegistryStore>().ListAsync(CancellationToken.None);
        Assert.All(registry, f => Assert.Null(f.ClaimId));
        Assert.All(registry, f => Assert.NotNull(f.LastSuccess));
    }

    [Fact]
    public async Task A_feed_that_keeps_failing_backs_off_exponentially_and_is_disabled_after_the_configured_failures()
    {
        await using var server = await FeedServer.StartAsync();
        var url = server.Handle("down.xml", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync("down=" + url, new Dictionary<string, string?>
        {
            ["Fetch:Retries"] = "0",
            ["Schedule:DisableAfterFailures"] = "5",
            ["Schedule:MinIntervalMinutes"] = "15",
            ["Schedule:MaxBackoffMinutes"] = "120",
        }, configure: services => services.AddSingleton<TimeProvider>(clock));
        var registry = pipeline.Get<FeedRegistryStore>();

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var run = await pipeline.ScheduleAndFetchAsync();
            Assert.Equal(1, run.Schedule.Claimed);
            Assert.True(run.Failed == 1, $"attempt {attempt}: {run.Feeds.SingleOrDefault()?.Status}");
            var feed = (await registry.GetAsync("down", CancellationToken.None))!;
            Assert.Equal(attempt, feed.ConsecutiveFailures);
            Assert.Contains("500", feed.LastError, StringComparison.Ordinal);
            waits.Add(feed.NextCheckAt - clock.GetUtcNow());

            // Not asked again before its backoff is over.
            clock.Advance(waits[^1] - TimeSpan.FromMinutes(1));
            Assert.Equal(0, (await pipeline.Get<FeedScheduler>().RunAsync(CancellationToken.None)).Due);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([15, 30, 60, 120, 120], waits.Select(w => (int)w.TotalMinutes));
        var disabled = (await registry.GetAsync("down", CancellationToken.None))!;
        Assert.False(disabled.Enabled);
        Assert.Equal("failed 5 times in a row", disabled.DisabledReason);
        Assert.Equal(5, server.RequestsTo("down.xml"));

        // Disabled: never due again, however long we wait; /api/feeds says why.
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, (await pipeline.Get<FeedScheduler>().RunAsync(CancellationToken.None)).Due);
        var status = HttpContexts.Get(pipeline.Services, "/api/feeds");
        await pipeline.Create<FeedStatus>().Run(status.Request);
        var down = HttpContexts.Json(status).GetProperty("feeds").EnumerateArray().Single();
        Assert.False(down.GetProperty("enabled").GetBoolean());
        Assert.Equal(5, down.GetProperty("consecutiveFailures").GetInt32());
        Assert.Contains("500", down.GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_delivered_five_times_without_completing_goes_to_the_poison_queue_and_its_feed_says_so()
    {
        await using var server = await FeedServer.StartAsync();
        await using var pipeline = await TestPipeline.CreateAsync("stuck=" + server.Serve("stuck.xml", SyntheticFeedServer.Rss(1, 2)));
        await pipeline.Get<FeedScheduler>().RunAsync(CancellationToken.None);
        var queues = pipeline.Get<FetchQueueStore>();

        // Five workers that took the message and died before finishing: the queue hands it out again each time.
        QueueMessage? taken = null;
        for (var delivery = 1; delivery <= 5; delivery++)
        {
            taken = await ReceiveAsync(queues, TimeSpan.FromSeconds(1));
            Assert.Equal(delivery, taken.DequeueCount);
        }

        var sixth = await ReceiveAsync(queues, TimeSpan.FromSeconds(30));
        Assert.Null(await pipeline.Get<FetchQueueConsumer>().HandleAsync(sixth, CancellationToken.None));

        Assert.Equal(0, server.TotalRequests);
        Assert.Null((await queues.Messages.PeekMessageAsync()).Value);
        var poisoned = (await queues.Poison.PeekMessageAsync()).Value;
        Assert.Equal(taken!.MessageText, poisoned.MessageText);
        var feed = (await pipeline.Get<FeedRegistryStore>().GetAsync("stuck", CancellationToken.None))!;
        Assert.Equal(1, feed.ConsecutiveFailures);
        Assert.Contains("poison queue", feed.LastError, StringComparison.Ordinal);
        Assert.Null(feed.ClaimId);
        Assert.True(feed.NextCheckAt > DateTimeOffset.UtcNow.AddMinutes(10), $"backed off until {feed.NextCheckAt:u}");
    }

    [Fact]
    public async Task The_poison_function_marks_the_feeds_still_under_the_message_claim_and_ignores_a_message_that_is_not_one()
    {
        await using var server = await FeedServer.StartAsync();
        await using var pipeline = await TestPipeline.CreateAsync("a=" + server.Serve("a.xml", SyntheticFeedServer.Rss(1, 1)) + ";b=" + server.Serve("b.xml", SyntheticFeedServer.Rss(2, 1)));
        await pipeline.Get<FeedScheduler>().RunAsync(CancellationToken.None);
        var queues = pipeline.Get<FetchQueueStore>();
        var message = await ReceiveAsync(queues, TimeSpan.FromMinutes(5));
        var parsed = FeedFetchMessage.Parse(message.MessageText);
        // Feed b was fetched by a later claim meanwhile: the old message must not mark it.
        await pipeline.Get<FeedRegistryStore>().UpdateAsync("b", f => f with { ClaimId = "a-newer-claim" }, CancellationToken.None);
        await queues.Poison.SendMessageAsync(message.MessageText);
        await queues.Poison.SendMessageAsync("{not json");
        var function = pipeline.Create<FetchFeedsPoisoned>();

        var poisoned = await ReceiveAsync(queues, TimeSpan.FromMinutes(5), queues.Poison);
        var broken = await ReceiveAsync(queues, TimeSpan.FromMinutes(5), queues.Poison);

        Assert.Equal(2, parsed.Feeds.Count);
        Assert.Equal(1, await function.Run(poisoned, CancellationToken.None));
        Assert.Equal(0, await function.Run(broken, CancellationToken.None));
        var a = (await pipeline.Get<FeedRegistryStore>().GetAsync("a", CancellationToken.None))!;
        var b = (await pipeline.Get<FeedRegistryStore>().GetAsync("b", CancellationToken.None))!;
        Assert.Contains("delivered 5 times", a.LastError, StringComparison.Ordinal);
        Assert.Equal(0, b.ConsecutiveFailures);
        Assert.Equal("a-newer-claim", b.ClaimId);
    }

    [Fact]
    public async Task An_unchanged_feed_costs_one_conditional_GET_and_no_blob_request_and_a_changed_one_uploads_only_its_new_item()
    {
        await using var server = await FeedServer.StartAsync();
        var url = server.Serve("news.xml", SyntheticFeedServer.Rss(7, 20));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var blobRequests = new TableRequestLog();
        await using var pipeline = await TestPipeline.CreateAsync("news=" + url, configure: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(provider => RecordedStorage.Clients(provider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ArticleStorage"]!, blobs: blobRequests));
        });

        var first = await pipeline.ScheduleAndFetchAsync();
        Assert.Equal(20, first.New);
        blobRequests.Clear();

        clock.Advance(TimeSpan.FromDays(1));
        var unchanged = await pipeline.ScheduleAndFetchAsync();
        Assert.Equal(Core.Services.Pipeline.FeedFetchStatus.Unchanged, unchanged.Feeds.Single().Status);
        Assert.Equal(2, server.RequestsTo("news.xml"));
        Assert.Empty(blobRequests.Requests);

        // One item more: one upload, the 20 known items skipped without a request.
        server.Serve("news.xml", SyntheticFeedServer.Rss(7, 21));
        clock.Advance(TimeSpan.FromDays(1));
        var changed = await pipeline.ScheduleAndFetchAsync();
        Assert.Equal(1, changed.New);
        Assert.Equal(20, changed.Feeds.Single().SkippedWithoutRequest);
        Assert.Equal(["PUT"], blobRequests.Requests.Select(r => r.Method));
    }

    // A feed that takes a moment to answer, so that two requests to one host at once would overlap and be seen.
    private static string Slow(FeedServer server, string path, int feed)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(SyntheticFeedServer.Rss(feed, 2));
        return server.Handle(path, async context =>
        {
            await Task.Delay(40);
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(body);
        });
    }

    private static async Task<List<FeedFetchMessage>> PeekAllAsync(TestPipeline pipeline)
    {
        var queues = pipeline.Get<FetchQueueStore>();
        var messages = new List<FeedFetchMessage>();
        for (var round = 0; round < 20; round++)
        {
            var batch = (await queues.Messages.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                break;
            }

            messages.AddRange(batch.Select(m => FeedFetchMessage.Parse(m.MessageText)));
        }

        return messages;
    }

    private static async Task<QueueMessage> ReceiveAsync(FetchQueueStore queues, TimeSpan visibility, Azure.Storage.Queues.QueueClient? queue = null)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var message = (await (queue ?? queues.Messages).ReceiveMessageAsync(visibility)).Value;
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("No message became visible within 20 s.");
    }
}
