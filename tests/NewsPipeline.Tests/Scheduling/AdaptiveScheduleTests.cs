using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Scheduling;

/// <summary>Each feed's interval from how often it posts, clamped, stretched by what the server and the feed ask.</summary>
public sealed class AdaptiveScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly int[] FailureStreaks = [1, 2, 3, 4, 5, 6, 1000];
    private static readonly FeedRecord Feed = new() { Name = "f", Url = "https://example.test/feed.xml" };
    private readonly FeedSchedulePolicy policy = new(Options.Create(new ScheduleOptions { MinIntervalMinutes = 15, MaxIntervalMinutes = 1440, FrequencyWindowDays = 7 }));

    [Theory]
    [InlineData(7 * 24, 60)]     // one item an hour over the week: hourly
    [InlineData(7, 1440)]        // one a day: daily (the maximum)
    [InlineData(7 * 24 * 12, 15)] // every five minutes: the minimum, never more often
    [InlineData(0, 1440)]        // nothing new in the window: the maximum
    public void The_interval_is_the_window_divided_by_the_items_posted_in_it_clamped(int itemsInWindow, int expectedMinutes)
    {
        var published = Enumerable.Range(0, itemsInWindow).Select(i => Now - TimeSpan.FromDays(7) * (i + 0.5) / Math.Max(1, itemsInWindow)).ToList();
        // Old items and future-dated ones say nothing about how often the feed posts now.
        published.Add(Now - TimeSpan.FromDays(30));
        published.Add(Now + TimeSpan.FromDays(2));

        Assert.Equal(expectedMinutes, (int)policy.IntervalAfterSuccess(Feed, published, Now).TotalMinutes);
    }

    [Fact]
    public void Server_hints_ask_for_less_often_up_to_the_maximum_but_never_more_often()
    {
        var hourly = Enumerable.Range(0, 7 * 24).Select(i => Now - TimeSpan.FromHours(i + 0.5)).ToList();

        Assert.Equal(180, (int)policy.IntervalAfterSuccess(Feed, hourly, Now, TimeSpan.FromHours(3)).TotalMinutes);
        Assert.Equal(60, (int)policy.IntervalAfterSuccess(Feed, hourly, Now, TimeSpan.FromMinutes(5)).TotalMinutes);
        Assert.Equal(1440, (int)policy.IntervalAfterSuccess(Feed, hourly, Now, TimeSpan.FromDays(30)).TotalMinutes);
        Assert.Equal(240, (int)policy.IntervalAfterSuccess(Feed, hourly, Now, TimeSpan.FromHours(2), null, TimeSpan.FromHours(4)).TotalMinutes);
    }

    [Fact]
    public void A_304_keeps_the_last_interval_and_a_feed_of_its_own_bounds_keeps_to_them()
    {
        Assert.Equal(90, (int)policy.IntervalAfterSuccess(Feed with { IntervalMinutes = 90 }, null, Now).TotalMinutes);
        Assert.Equal(15, (int)policy.IntervalAfterSuccess(Feed, null, Now).TotalMinutes);
        var own = Feed with { MinIntervalMinutes = 120, MaxIntervalMinutes = 180 };
        Assert.Equal(120, (int)policy.IntervalAfterSuccess(own, Enumerable.Range(1, 1000).Select(i => Now.AddMinutes(-i)).ToList(), Now).TotalMinutes);
        Assert.Equal(180, (int)policy.IntervalAfterSuccess(own, [], Now).TotalMinutes);
    }

    [Fact]
    public void Backoff_doubles_from_the_minimum_and_stops_at_its_cap_even_after_a_thousand_failures()
    {
        var capped = new FeedSchedulePolicy(Options.Create(new ScheduleOptions { MinIntervalMinutes = 10, MaxBackoffMinutes = 300 }));

        Assert.Equal([10, 20, 40, 80, 160, 300, 300], FailureStreaks.Select(n => (int)capped.Backoff(Feed, n).TotalMinutes));
    }

    [Theory]
    [InlineData("<ttl>90</ttl>", 90)]
    [InlineData("<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>", 30)]
    [InlineData("<sy:updatePeriod>daily</sy:updatePeriod>", 1440)]
    [InlineData("<ttl>60</ttl><sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>", 360)]
    [InlineData("<ttl>soon</ttl><sy:updatePeriod>fortnightly</sy:updatePeriod>", null)]
    [InlineData("<ttl>99999999</ttl>", 7 * 1440)]
    public void An_RSS_channel_says_how_often_it_changes_with_ttl_or_the_syndication_module(string channelHints, int? expectedMinutes)
    {
        var rss = $"""
            <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title><link>https://example.test/</link>
            {channelHints}<item><title>a</title><link>https://example.test/a</link></item></channel></rss>
            """;

        var parsed = FeedReader.Read(System.Text.Encoding.UTF8.GetBytes(rss), new Uri("https://example.test/feed.xml"), null);

        Assert.Equal(expectedMinutes, parsed.UpdateInterval is { } interval ? (int)interval.TotalMinutes : null);
    }

    [Fact]
    public async Task A_fetched_feed_is_scheduled_after_its_interval_stretched_by_Cache_Control_max_age()
    {
        await using var server = await FeedServer.StartAsync();
        var body = System.Text.Encoding.UTF8.GetBytes($"""
            <rss version="2.0"><channel><title>t</title><link>https://example.test/</link><ttl>20</ttl>
            {string.Concat(Enumerable.Range(0, 7 * 24).Select(i => $"<item><title>i{i}</title><link>https://example.test/{i}</link><pubDate>{Now.AddMinutes(-60 * i - 30):R}</pubDate></item>"))}
            </channel></rss>
            """);
        var url = server.Handle("cached.xml", async context =>
        {
            context.Response.Headers.CacheControl = "public, max-age=7200";
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(body);
        });
        var clock = new FakeTimeProvider(Now);
        await using var pipeline = await TestPipeline.CreateAsync("cached=" + url, configure: services => services.AddSingleton<TimeProvider>(clock));

        await pipeline.ScheduleAndFetchAsync();

        // An item an hour all week is "hourly"; ttl asks 20 minutes (more often: not heard), max-age two hours (heard).
        var feed = (await pipeline.Get<FeedRegistryStore>().GetAsync("cached", CancellationToken.None))!;
        Assert.Equal(120, feed.IntervalMinutes);
        Assert.Equal(Now.AddHours(2), feed.NextCheckAt);
        Assert.NotNull(feed.LastNewItemAt);
        Assert.Equal(7 * 24, feed.RecentItemIds.Count);
    }
}
