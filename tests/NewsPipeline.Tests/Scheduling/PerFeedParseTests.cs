using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Services.Scheduling;
using NewsPipeline.Core.Storage.Queues;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Scheduling;

/// <summary>
/// A message carries all of one host's due feeds, fetched one after another. What a feed wrote is handed on (and in
/// <c>newsfeed run</c> parsed) as soon as that feed is done: a later feed that hangs or fails holds nothing back.
/// </summary>
public sealed class PerFeedParseTests
{
    [Fact]
    public async Task Each_feed_of_a_message_is_handed_on_before_the_next_feed_is_asked()
    {
        await using var server = await FeedServer.StartAsync();
        var first = server.Serve("first.xml", """<?xml version="1.0"?><rss version="2.0"><channel><title>First</title><item><title>One</title><link>https://news.example/one</link><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item></channel></rss>""");
        var second = server.Serve("second.xml", "<rss><channel><item>", "application/xml");
        await using var pipeline = await TestPipeline.CreateAsync($"a-first={first};b-second={second}");
        await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        await pipeline.Get<FeedScheduler>().RunAsync(CancellationToken.None);
        var queues = pipeline.Get<FetchQueueStore>();
        var message = Assert.Single((await queues.Messages.ReceiveMessagesAsync(32)).Value);
        var parse = pipeline.Get<ParseService>();
        var handedOn = new List<(string Feed, int SecondAsked, bool Parsed)>();

        var report = await pipeline.Get<FeedFetchWorker>().ProcessAsync(FeedFetchMessage.Parse(message.MessageText), CancellationToken.None, async (feed, ct) =>
        {
            var parsed = true;
            foreach (var blob in feed.WrittenBlobs)
            {
                parsed &= (await parse.ParseBlobAsync(blob, ct)).Succeeded;
            }

            handedOn.Add((feed.Feed.Name, server.RequestsTo("second.xml"), parsed));
        });

        Assert.Equal(["a-first", "b-second"], handedOn.Select(h => h.Feed));
        Assert.Equal(0, handedOn[0].SecondAsked);
        Assert.True(handedOn[0].Parsed);
        Assert.Equal(1, report.Fetched.Count(f => f.Failed));
    }
}
