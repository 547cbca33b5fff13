using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Functions;
using NewsPipeline.Testing.Feeds;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Reliability;

/// <summary>Two scheduler runs at once, every fetch message delivered twice at once (queues are at-least-once), and every blob delivered three times at once (so is Event Grid).</summary>
public sealed class OverlapTests
{
    [Fact]
    public async Task Overlapping_fetch_runs_and_duplicate_deliveries_leave_every_article_once_in_blobs_and_rows()
    {
        await using var server = await FeedServer.StartAsync();
        var feeds = string.Join(';', Enumerable.Range(1, 3).Select(f => $"feed{f}={server.Serve($"feed{f}.xml", SyntheticFeedServer.Rss(f, 40))}"));
        await using var pipeline = await TestPipeline.CreateAsync(feeds);
        var schedule = pipeline.Create<ScheduleFeeds>();
        var parse = pipeline.Create<ParseArticle>();
        var blobs = pipeline.Get<ArticleBlobStore>();

        var runs = await Task.WhenAll(schedule.Run(new TimerInfo(), CancellationToken.None), schedule.Run(new TimerInfo(), CancellationToken.None));
        Assert.Equal(3, runs.Sum(r => r.Claimed));
        var queues = pipeline.Get<NewsPipeline.Core.Storage.Queues.FetchQueueStore>();
        var messages = (await queues.Messages.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
        var fetch = pipeline.Create<FetchFeeds>();
        await Task.WhenAll(messages.Concat(messages).Select(m => fetch.Run(m, CancellationToken.None)));
        var names = await blobs.ListAsync(null, CancellationToken.None).ToListAsync();
        var deliveries = names.SelectMany(name => Enumerable.Repeat(name, 3)).ToList();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, ct) =>
        {
            var outcome = await parse.Run(await blobs.ReadAsync(name, ct), name, await blobs.GetMetadataAsync(name, ct), ct);
            Assert.True(outcome.Succeeded, outcome.FailureReason);
        });

        Assert.Equal(120, names.Count);
        var rows = await TableRows.CountAsync(pipeline.Configuration["ArticleStorage"]!, pipeline.Storage);
        foreach (var kind in new[] { "id", "all", "source" })
        {
            Assert.Equal(120, rows.Ids(kind).Count);
            Assert.Equal(120, rows.Ids(kind).Distinct().Count());
        }
    }
}
