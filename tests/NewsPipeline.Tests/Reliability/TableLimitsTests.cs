using System.Globalization;
using Azure.Data.Tables;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Reliability;

/// <summary>
/// No row the pipeline writes may outgrow Table Storage's limits (64 KiB a property, 1 MiB an entity, 255 properties),
/// whatever a feed sends: each test says what a hostile or huge input gets, and saves it to a real Azurite, which
/// refuses an oversized property as Azure does.
/// </summary>
public sealed class TableLimitsTests
{
    [Fact]
    public async Task A_20000_item_feed_keeps_every_item_id_and_a_60_KB_title_and_error_keep_their_first_4000_characters()
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var registry = pipeline.Get<FeedRegistryStore>();
        Assert.True(await registry.TryAddAsync(new FeedRecord { Name = "huge", Url = "https://127.0.0.1:1/huge.xml", NextCheckAt = DateTimeOffset.UtcNow }, CancellationToken.None));
        var ids = ItemIds(20_000);

        await registry.UpdateAsync("huge", f => f with { Title = new string('t', 60_000), LastError = new string('e', 60_000), RecentItemIds = ids }, CancellationToken.None);
        var saved = await registry.GetAsync("huge", CancellationToken.None);

        Assert.Equal(ids, saved!.RecentItemIds);
        Assert.Equal(FeedRow.MaxTextLength, saved.Title!.Length);
        Assert.Equal(FeedRow.MaxTextLength, saved.LastError!.Length);
    }

    [Fact]
    public async Task A_feed_of_more_items_than_a_row_holds_keeps_the_first_32768_ids_and_the_rest_cost_a_conditional_create()
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var registry = pipeline.Get<FeedRegistryStore>();
        Assert.True(await registry.TryAddAsync(new FeedRecord { Name = "endless", Url = "https://127.0.0.1:1/endless.xml", NextCheckAt = DateTimeOffset.UtcNow }, CancellationToken.None));
        var ids = ItemIds(40_000);

        await registry.UpdateAsync("endless", f => f with { RecentItemIds = ids }, CancellationToken.None);
        var saved = await registry.GetAsync("endless", CancellationToken.None);

        Assert.Equal(FeedRow.MaxRecentIds, saved!.RecentItemIds.Count);
        Assert.Equal(ids.Take(FeedRow.MaxRecentIds), saved.RecentItemIds);
    }

    [Fact]
    public async Task An_article_with_a_60_KB_title_and_300_categories_is_indexed_with_the_first_8000_characters_and_the_categories_that_fit()
    {
        await using var pipeline = await TestPipeline.CreateAsync("");
        var categories = Enumerable.Range(0, 300).Select(i => $"category number {i} of a feed that tags everything it publishes").ToList();
        var article = Article("0123456789abcdef0123456789abcdef01234567", "outlet") with { Title = new string('標', 60_000), Categories = categories };

        await pipeline.Get<ArticleIndexStore>().UpsertAsync(article, CancellationToken.None);
        var saved = await pipeline.Get<ArticleIndexStore>().GetAsync(article.Id, CancellationToken.None);

        Assert.Equal(8_000, saved!.Title.Length);
        Assert.InRange(saved.Categories.Count, 50, 299);
        Assert.Equal(categories.Take(saved.Categories.Count), saved.Categories);
    }

    [Fact]
    public async Task An_article_carried_by_2000_feeds_names_every_placement_on_a_by_id_row_that_saves()
    {
        var placements = Enumerable.Range(0, 2_000)
            .Select(i => ($"src:feed-with-a-long-name-{i:D4}:2026-12", $"t{long.MaxValue - i:D19}-0123456789abcdef0123456789abcdef01234567"))
            .ToList();
        var entity = new TableEntity("id-0", "0123456789abcdef0123456789abcdef01234567");

        Placements.Write(entity, placements);
        await TableOf(await AzuriteServer.ConnectionStringAsync()).UpsertEntityAsync(entity);

        Assert.Equal(placements, Placements.Read(entity));
        Assert.All(entity.Keys.Where(k => k.StartsWith(Placements.Column, StringComparison.Ordinal)),
            column => Assert.True(((string?)entity[column])?.Length is null or <= Placements.MaxColumnLength));
    }

    [Fact]
    public void An_article_is_listed_under_at_most_2500_feeds()
    {
        var placements = Enumerable.Range(0, 3_000).Select(i => ($"src:feed-{i:D4}:2026-12", $"t{i:D19}-0123456789abcdef0123456789abcdef01234567")).ToList();
        var entity = new TableEntity("id-0", "x");

        Placements.Write(entity, placements);

        Assert.Equal(placements.Take(Placements.MaxPlacements), Placements.Read(entity));
    }

    [Fact]
    public async Task A_2500_item_feed_beside_other_feeds_of_its_host_is_fetched_and_parsed_with_its_row_saved() =>
        await BigFeedBesideOthersAsync(2_500);

    [Fact]
    [Trait("Category", "Scale")]
    public async Task A_5000_item_feed_beside_other_feeds_of_its_host_is_fetched_and_parsed_with_its_row_saved() =>
        await BigFeedBesideOthersAsync(5_000);

    // 2,500 items already overflowed the old row (ids as one string of 17 characters each: 42,500 > 32,768), which
    // failed the whole message on every delivery and left the host's other feeds unfetched.
    private static async Task BigFeedBesideOthersAsync(int items)
    {
        await using var server = await FeedServer.StartAsync();
        var before = server.Serve("before.xml", Rss("before", 3));
        var big = server.Serve("big.xml", Rss("big", items));
        var after = server.Serve("after.xml", Rss("after", 2));
        // The subject is the feed row and the fetch, not stories: on Azurite each story query scans the whole stories
        // table, which thousands of articles make quadratic (StorySettings.Enabled says why it can be off).
        await using var pipeline = await TestPipeline.CreateAsync($"before={before};big={big};after={after}",
            new Dictionary<string, string?> { ["Stories:Enabled"] = items > 1000 ? "false" : "true" });

        var fetched = await pipeline.ScheduleAndFetchAsync();
        var parse = pipeline.Get<ParseService>();
        var parsed = 0;
        await Parallel.ForEachAsync(fetched.WrittenBlobs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (blob, ct) =>
        {
            if ((await parse.ParseBlobAsync(blob, ct)).Succeeded)
            {
                Interlocked.Increment(ref parsed);
            }
        });

        Assert.Single(fetched.Messages);
        Assert.Equal(0, fetched.Failed);
        Assert.Equal(items + 5, fetched.New);
        Assert.Equal(items + 5, parsed);
        var row = await pipeline.Get<FeedRegistryStore>().GetAsync("big", CancellationToken.None);
        Assert.Equal(items, row!.RecentItemIds.Count);
        Assert.Equal(0, row.ConsecutiveFailures);
        Assert.NotNull(row.LastSuccess);
        Assert.NotNull((await pipeline.Get<FeedRegistryStore>().GetAsync("after", CancellationToken.None))!.LastSuccess);
    }

    private static List<string> ItemIds(int count) =>
        Enumerable.Range(0, count).Select(i => ((ulong)i * 0x9E3779B97F4A7C15UL).ToString("x16", CultureInfo.InvariantCulture)).ToList();

    private static ArticleMetadata Article(string id, string source) => new()
    {
        Id = id,
        Url = $"https://news.example/{id}",
        Title = "A title",
        Source = source,
        Published = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
        PublishedOrigin = PublishedOrigin.Comment,
        Language = "zh",
        ContentHash = "0",
        ParserVersion = 7,
    };

    private static TableClient TableOf(string connection)
    {
        var table = new TableServiceClient(connection).GetTableClient("limits" + Guid.NewGuid().ToString("N")[..8]);
        table.CreateIfNotExists();
        return table;
    }

    private static string Rss(string name, int items) =>
        $"""<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title><link>https://news.example/</link>""" +
        string.Concat(Enumerable.Range(0, items).Select(i =>
            $"<item><title>{name} story {i}</title><link>https://news.example/{name}/{i}</link><pubDate>Tue, 01 Dec 2026 {i % 24:D2}:{i / 24 % 60:D2}:00 GMT</pubDate><description>About {name} story {i}.</description></item>")) +
        "</channel></rss>";
}
