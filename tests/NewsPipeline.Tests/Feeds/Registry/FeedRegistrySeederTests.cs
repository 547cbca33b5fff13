using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Feeds.Registry;

/// <summary>The Feeds setting still works: it seeds the registry, and follows its changes without losing anything.</summary>
public sealed class FeedRegistrySeederTests
{
    [Fact]
    public async Task The_setting_seeds_once_a_removed_feed_is_disabled_not_deleted_and_comes_back_and_hand_added_feeds_are_untouched()
    {
        await using var first = await TestPipeline.CreateAsync("world=https://world.example/rss.xml;sport=https://sport.example/rss.xml");
        await first.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        await first.Get<FeedAdministration>().AddAsync("manual", "https://manual.example/feed.xml", null, null, null, CancellationToken.None);
        // The feed has been fetched once: validators and known items that belong to its address.
        await first.Get<FeedRegistryStore>().UpdateAsync("world", f => f with { ETag = "\"v1\"", RecentItemIds = ["abc"] }, CancellationToken.None);
        var shared = first.SharedStorage();

        // The setting changes (another start of the app): sport removed, world moved, news added.
        shared["Feeds"] = "world=https://world.example/v2/rss.xml;news=https://news.example/rss.xml";
        await using var second = await TestPipeline.CreateAsync(shared["Feeds"]!, shared);
        await second.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        await second.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);

        var feeds = (await second.Get<FeedRegistryStore>().ListAsync(CancellationToken.None)).ToDictionary(f => f.Name);
        Assert.Equal(["manual", "news", "sport", "world"], feeds.Keys.Order());
        Assert.False(feeds["sport"].Enabled);
        Assert.Equal(DisabledReasons.RemovedFromSetting, feeds["sport"].DisabledReason);
        Assert.Equal("https://world.example/v2/rss.xml", feeds["world"].Url);
        Assert.Null(feeds["world"].ETag);
        Assert.Empty(feeds["world"].RecentItemIds);
        Assert.True(feeds["manual"].Enabled);
        Assert.Equal(FeedOrigins.Manual, feeds["manual"].Origin);

        // Back in the setting: enabled again and due.
        shared["Feeds"] = "world=https://world.example/v2/rss.xml;news=https://news.example/rss.xml;sport=https://sport.example/rss.xml";
        await using var third = await TestPipeline.CreateAsync(shared["Feeds"]!, shared);
        await third.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        var sport = (await third.Get<FeedRegistryStore>().GetAsync("sport", CancellationToken.None))!;
        Assert.True(sport.Enabled);
        Assert.Null(sport.DisabledReason);
        Assert.Contains(await third.Get<FeedRegistryStore>().DueAsync(DateTimeOffset.UtcNow, 10, CancellationToken.None).ToListAsync(), d => d.Name == "sport");
    }

    [Fact]
    public async Task A_feed_an_operator_disabled_stays_disabled_whatever_the_setting_says()
    {
        await using var pipeline = await TestPipeline.CreateAsync("world=https://world.example/rss.xml");
        await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        await pipeline.Get<FeedAdministration>().SetEnabledAsync("world", false, CancellationToken.None);
        await using var restarted = await TestPipeline.CreateAsync("world=https://world.example/rss.xml", pipeline.SharedStorage());

        await restarted.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);

        var world = (await restarted.Get<FeedRegistryStore>().GetAsync("world", CancellationToken.None))!;
        Assert.False(world.Enabled);
        Assert.Equal(DisabledReasons.ByOperator, world.DisabledReason);
    }

}
