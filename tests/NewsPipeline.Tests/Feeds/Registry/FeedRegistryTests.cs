using System.Collections.Concurrent;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Feeds.Registry;

/// <summary>The feeds table against Azurite: the due index, ETag-conditioned writes and claims.</summary>
public sealed class FeedRegistryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static FeedRecord Feed(int n, DateTimeOffset next, bool enabled = true) => new()
    {
        Name = $"feed{n}",
        Url = $"http://127.0.0.{n % 5 + 1}:8080/feed{n}.xml",
        NextCheckAt = next,
        Enabled = enabled,
    };

    [Fact]
    public async Task The_due_index_returns_only_enabled_feeds_whose_time_has_come_earliest_first()
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var registry = pipeline.Get<FeedRegistryStore>();
        await registry.AddManyAsync(
        [
            Feed(1, Now.AddMinutes(-5)), Feed(2, Now.AddMinutes(-30)), Feed(3, Now.AddMinutes(10)), Feed(4, Now.AddMinutes(-1), enabled: false), Feed(5, Now),
        ], CancellationToken.None);

        var due = await registry.DueAsync(Now, 100, CancellationToken.None).ToListAsync();

        Assert.Equal(["feed2", "feed1", "feed5"], due.Select(d => d.Name));
        Assert.Equal("127.0.0.3:8080", due[0].Host);
        Assert.Equal(5, (await registry.ListAsync(CancellationToken.None)).Count);
        Assert.Equal(["feed2"], (await registry.DueAsync(Now, 1, CancellationToken.None).ToListAsync()).Select(d => d.Name));
    }

    [Fact]
    public async Task Two_claimers_at_once_claim_each_due_feed_exactly_once_and_move_it_out_of_the_due_index()
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var registry = pipeline.Get<FeedRegistryStore>();
        await registry.AddManyAsync(Enumerable.Range(1, 40).Select(n => Feed(n, Now.AddMinutes(-n))), CancellationToken.None);

        var claims = new ConcurrentBag<(string Feed, string Claimer)>();
        async Task ClaimAll(string claimer)
        {
            var due = await registry.DueAsync(Now, 1000, CancellationToken.None).ToListAsync();
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (feed, ct) =>
            {
                if (await registry.TryClaimAsync(feed, Now.AddMinutes(30), claimer + ":" + feed.Name, Now, ct))
                {
                    claims.Add((feed.Name, claimer));
                }
            });
        }

        await Task.WhenAll(ClaimAll("a"), ClaimAll("b"));

        Assert.Equal(40, claims.Count);
        Assert.Equal(40, claims.Select(c => c.Feed).Distinct().Count());
        Assert.Empty(await registry.DueAsync(Now, 1000, CancellationToken.None).ToListAsync());
        var one = (await registry.GetAsync("feed7", CancellationToken.None))!;
        var winner = claims.Single(c => c.Feed == "feed7").Claimer;
        Assert.Equal(winner + ":feed7", one.ClaimId);
        Assert.Equal(Now.AddMinutes(30), one.NextCheckAt);
        // The lease comes due when it runs out, carrying its claim: the fetch it stood for never reported back.
        var expired = Assert.Single(await registry.DueAsync(Now.AddMinutes(30), 1000, CancellationToken.None).Where(d => d.Name == "feed7").ToListAsync());
        Assert.Equal(winner + ":feed7", expired.ClaimId);
    }

    [Fact]
    public async Task A_write_from_a_stale_read_is_refused_and_the_due_row_moves_with_the_feed()
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var registry = pipeline.Get<FeedRegistryStore>();
        Assert.True(await registry.TryAddAsync(Feed(1, Now.AddMinutes(-1)), CancellationToken.None));
        Assert.False(await registry.TryAddAsync(Feed(1, Now), CancellationToken.None));

        var read = (await registry.GetAsync("feed1", CancellationToken.None))!;
        Assert.True(await registry.TryReplaceAsync(read, read with { NextCheckAt = Now.AddHours(1), ConsecutiveFailures = 1 }, CancellationToken.None));
        Assert.False(await registry.TryReplaceAsync(read, read with { LastError = "lost update" }, CancellationToken.None));

        var stored = (await registry.GetAsync("feed1", CancellationToken.None))!;
        Assert.Equal(1, stored.ConsecutiveFailures);
        Assert.Null(stored.LastError);
        Assert.Empty(await registry.DueAsync(Now, 10, CancellationToken.None).ToListAsync());
        Assert.Single(await registry.DueAsync(Now.AddHours(1), 10, CancellationToken.None).ToListAsync());

        var disabled = await registry.UpdateAsync("feed1", f => f with { Enabled = false, DisabledReason = "by an operator" }, CancellationToken.None);
        Assert.False(disabled!.Enabled);
        Assert.Empty(await registry.DueAsync(Now.AddDays(1), 10, CancellationToken.None).ToListAsync());

        Assert.True(await registry.RemoveAsync("feed1", CancellationToken.None));
        Assert.False(await registry.RemoveAsync("feed1", CancellationToken.None));
        Assert.Null(await registry.GetAsync("feed1", CancellationToken.None));
    }
}

/// <summary>The queue service the fetch fan-out will use, reached through the same connection as blobs and tables.</summary>
public sealed class StorageQueueClientTests
{
    [Fact]
    public async Task A_connection_string_gives_a_queue_client_that_writes_base64_as_the_Functions_queue_trigger_reads()
    {
        var clients = NewsPipeline.Core.Storage.StorageClients.FromConnectionString(await AzuriteServer.ConnectionStringAsync());
        var queue = clients.Queues.GetQueueClient("feed-fetch-" + Guid.NewGuid().ToString("N")[..8]);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"host\":\"127.0.0.1:8080\"}");

        var raw = new Azure.Storage.Queues.QueueClient(new Uri(queue.Uri.AbsoluteUri), new Azure.Storage.StorageSharedKeyCredential(
            NewsPipeline.Cli.Hosting.AzuriteProcess.AccountName, NewsPipeline.Cli.Hosting.AzuriteProcess.AccountKey));
        var message = (await raw.ReceiveMessageAsync()).Value;
        Assert.Equal("{\"host\":\"127.0.0.1:8080\"}", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)));
        await queue.DeleteAsync();
    }

    [Fact]
    public void Clients_built_without_a_queue_service_say_which_setting_is_missing()
    {
        var clients = new NewsPipeline.Core.Storage.StorageClients(new Azure.Storage.Blobs.BlobServiceClient(new Uri("http://127.0.0.1:1/a")), new Azure.Data.Tables.TableServiceClient("UseDevelopmentStorage=true"));
        var error = Assert.Throws<InvalidOperationException>(() => clients.Queues);
        Assert.Contains("ArticleStorage__queueServiceUri", error.Message, StringComparison.Ordinal);
    }
}
