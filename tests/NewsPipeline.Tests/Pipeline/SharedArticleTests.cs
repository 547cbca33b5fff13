using System.Text.Json;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>An article carried by several feeds is kept under every one of them, and no feed changes what another published.</summary>
public sealed class SharedArticleTests
{
    private const string SharedLink = "https://news.example/2026/12/01/harbour-reopens";

    [Fact]
    public async Task An_article_two_feeds_carry_is_listed_under_both_and_once_overall()
    {
        await using var server = await FeedServer.StartAsync();
        var world = server.Serve("world.xml", Rss("World", ("Harbour reopens after the storm", SharedLink), ("Bridge inspection ends", "https://news.example/bridge")));
        var top = server.Serve("top.xml", Rss("Top", ("Harbour reopens after the storm", SharedLink)));
        await using var pipeline = await TestPipeline.CreateAsync($"world={world};top={top}");

        await FetchAndParseAsync(pipeline);

        Assert.Equal(2, await CountAsync(pipeline, "source=world"));
        Assert.Equal(1, await CountAsync(pipeline, "source=top"));
        Assert.Equal(2, await CountAsync(pipeline, ""));
        // Asked for both feeds at once, the shared article is listed once.
        Assert.Equal(2, await CountAsync(pipeline, "source=world&source=top"));

        // Parsed again (a reindex, a redelivery): nothing moves, nothing doubles.
        await FetchAndParseAsync(pipeline, reparseAll: true);
        Assert.Equal(2, await CountAsync(pipeline, "source=world"));
        Assert.Equal(1, await CountAsync(pipeline, "source=top"));
        Assert.Equal(2, await CountAsync(pipeline, ""));
    }

    [Fact]
    public async Task A_feed_that_reuses_another_feeds_link_cannot_take_over_its_article()
    {
        await using var server = await FeedServer.StartAsync();
        var bbc = server.Serve("bbc.xml", Rss("BBC", ("Harbour reopens after the storm", SharedLink), ("Second story", "https://news.example/2"), ("Third story", "https://news.example/3")));
        await using var pipeline = await TestPipeline.CreateAsync($"bbc={bbc}");
        await FetchAndParseAsync(pipeline);
        var id = (await ItemsAsync(pipeline, "source=bbc")).Single(i => i.GetProperty("url").GetString() == SharedLink).GetProperty("id").GetString();

        var xss = server.Serve("xss.xml", Rss("Hostile", ("Stolen link", SharedLink)));
        await using var withHostile = await TestPipeline.CreateAsync($"bbc={bbc};xss={xss}", pipeline.SharedStorage());
        await FetchAndParseAsync(withHostile);

        var item = HttpContexts.Get(withHostile.Services, "/api/items/" + id);
        await withHostile.Create<ItemById>().Run(item.Request, id!);
        var resource = HttpContexts.Json(item);
        Assert.Equal("bbc", resource.GetProperty("source").GetString());
        Assert.Equal("Harbour reopens after the storm", resource.GetProperty("title").GetString());
        Assert.Equal(3, await CountAsync(withHostile, "source=bbc"));
        // The hostile feed lists what it published, under its own name only.
        var hostile = Assert.Single(await ItemsAsync(withHostile, "source=xss"));
        Assert.Equal("Stolen link", hostile.GetProperty("title").GetString());
        Assert.Equal(3, await CountAsync(withHostile, ""));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_several_feeds_carrying_one_article_keep_every_placement()
    {
        await using var server = await FeedServer.StartAsync();
        var feeds = string.Join(';', Enumerable.Range(1, 6).Select(f => $"f{f}={server.Serve($"f{f}.xml", Rss($"Feed {f}", ("Shared story", SharedLink)))}"));
        await using var pipeline = await TestPipeline.CreateAsync(feeds);
        var written = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        var parse = pipeline.Create<ParseArticle>();
        var blobs = pipeline.Get<ArticleBlobStore>();

        // Every blob delivered three times at once, all feeds together (Event Grid is at-least-once).
        var deliveries = written.WrittenBlobs.SelectMany(name => Enumerable.Repeat(name, 3)).ToList();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, ct) =>
        {
            var outcome = await parse.Run(await blobs.ReadAsync(name, ct), name, await blobs.GetMetadataAsync(name, ct), ct);
            Assert.True(outcome.Succeeded, outcome.FailureReason);
        });

        for (var f = 1; f <= 6; f++)
        {
            Assert.Equal(1, await CountAsync(pipeline, "source=f" + f));
        }

        Assert.Equal(1, await CountAsync(pipeline, ""));
        var rows = await TableRows.CountAsync(pipeline.Configuration["ArticleStorage"]!, pipeline.Storage);
        Assert.Equal(6, rows.Ids("source").Count);
        Assert.Single(rows.Ids("all"));
        Assert.Single(rows.Ids("id"));
    }

    private static async Task FetchAndParseAsync(TestPipeline pipeline, bool reparseAll = false)
    {
        // As the running pipeline does: the Feeds setting (here changed between passes) is seeded into the registry.
        await pipeline.Get<FeedRegistrySeeder>().EnsureSeededAsync(CancellationToken.None);
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        var names = reparseAll ? await pipeline.Get<ArticleBlobStore>().ListAsync(null, CancellationToken.None).ToListAsync() : report.WrittenBlobs.ToList();
        foreach (var name in names)
        {
            Assert.True((await pipeline.Get<ParseService>().ParseBlobAsync(name, CancellationToken.None)).Succeeded);
        }
    }

    private static async Task<int> CountAsync(TestPipeline pipeline, string query) => (await ItemsAsync(pipeline, query)).Count;

    private static async Task<List<JsonElement>> ItemsAsync(TestPipeline pipeline, string query)
    {
        var context = HttpContexts.Get(pipeline.Services, "/api/items?limit=100" + (query.Length > 0 ? "&" + query : ""));
        await pipeline.Create<LatestItems>().Run(context.Request);
        Assert.Equal(200, context.Response.StatusCode);
        return HttpContexts.Json(context).GetProperty("items").EnumerateArray().ToList();
    }

    private static string Rss(string title, params (string Title, string Link)[] items) =>
        $"""<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>https://news.example/</link>""" +
        string.Concat(items.Select((item, i) => $"<item><title>{item.Title}</title><link>{item.Link}</link><pubDate>Tue, 01 Dec 2026 0{i}:00:00 GMT</pubDate><description>About {item.Title}.</description></item>")) +
        "</channel></rss>";

}
