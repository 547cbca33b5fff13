using System.Text.Json;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>
/// What a feed says beside the item HTML survives the blob: feed item → fetch → blob (document and metadata) → the
/// ParseArticle function, given the metadata as the host gives it → row → <c>/api/items</c> JSON. A re-parse from the
/// blob alone (what <c>newsfeed reindex</c> does) gives the same fields.
/// </summary>
public sealed class FeedDataRoundTripTests : IAsyncLifetime
{
    private FeedServer server = null!;
    private TestPipeline? pipeline;

    public async Task InitializeAsync() => server = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (pipeline is not null)
        {
            await pipeline.DisposeAsync();
        }

        await server.DisposeAsync();
    }

    [Fact]
    public async Task RSS_media_thumbnail_and_a_plain_text_description_keep_image_summary_language_and_categories()
    {
        var item = Assert.Single(await FetchParseAndListAsync("harbour", "media-thumbnail.xml"));

        Assert.Equal(JsonValueKind.Null, item.GetProperty("author").ValueKind);
        Assert.Equal("https://images.harbour.example/976/storm-ida.jpg", item.GetProperty("image").GetString());
        Assert.Equal("Storm Ida batters coastal towns overnight", item.GetProperty("summary").GetString());
        // Six words without an English function word: the feed's declared en-gb decides.
        Assert.Equal("en", item.GetProperty("language").GetString());
        Assert.Equal(["World", "Weather"], (await DetailAsync(item)).GetProperty("categories").EnumerateArray().Select(c => c.GetString()!));
    }

    [Fact]
    public async Task RSS_media_content_keeps_author_the_widest_image_and_its_caption()
    {
        var item = Assert.Single(await FetchParseAndListAsync("lantern", "media-content.xml"));

        Assert.Equal("Rosa Lind", item.GetProperty("author").GetString());
        Assert.Equal("https://i.lantern.example/img/ferry/460.jpg", item.GetProperty("image").GetString());
        Assert.Equal("Ferries tied up at the north pier on Monday. Photograph: Tomas Berg/Lantern", item.GetProperty("caption").GetString());
        Assert.StartsWith("Crews on the island routes say the offer falls short", item.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("en", item.GetProperty("language").GetString());
    }

    [Fact]
    public async Task RSS_image_enclosure_keeps_the_image_and_the_author_named_in_the_address()
    {
        var item = Assert.Single(await FetchParseAndListAsync("voice", "enclosure-image.xml"));

        Assert.Equal("Omar Haddad", item.GetProperty("author").GetString());
        Assert.Equal("https://gdb.voice.example/library-plan_w900.jpg", item.GetProperty("image").GetString());
        Assert.Equal("header", item.GetProperty("publishedOrigin").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture), item.GetProperty("published").GetDateTimeOffset());
    }

    [Fact]
    public async Task Atom_keeps_feed_and_entry_authors_media_caption_text_summary_and_the_feed_language()
    {
        var items = await FetchParseAndListAsync("hill", "atom-media.xml");

        Assert.Equal(["Ski lifts open early", "Road over the pass reopens"], items.Select(i => i.GetProperty("title").GetString()!));
        var ski = items[0];
        Assert.Equal("Hill Courier desk", ski.GetProperty("author").GetString());
        Assert.Equal("https://hill.example/img/ski-lifts.jpg", ski.GetProperty("image").GetString());
        Assert.Equal("The upper lift at dawn.", ski.GetProperty("caption").GetString());
        Assert.Equal("Ski lifts open early after heavy snowfall", ski.GetProperty("summary").GetString());
        Assert.Equal("en", ski.GetProperty("language").GetString());
        Assert.Equal("Ines Vogel", items[1].GetProperty("author").GetString());
        Assert.Equal(server.Url("img/pass.png"), items[1].GetProperty("image").GetString());
    }

    [Fact]
    public async Task JSON_Feed_keeps_authors_the_resolved_image_text_summary_tags_and_the_feed_language()
    {
        var items = await FetchParseAndListAsync("delta", "jsonfeed-extras.json");

        var tram = items[0];
        Assert.Equal("Tram fares frozen", tram.GetProperty("title").GetString());
        Assert.Equal("Kai Moreno, Lea Stone", tram.GetProperty("author").GetString());
        Assert.Equal("https://delta.example/media/tram-77.jpg", tram.GetProperty("image").GetString());
        Assert.Equal("Tram fares frozen until spring", tram.GetProperty("summary").GetString());
        Assert.Equal("en", tram.GetProperty("language").GetString());
        Assert.Equal(["Transport", "City hall"], (await DetailAsync(tram)).GetProperty("categories").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal("Delta Daily staff", items[1].GetProperty("author").GetString());
    }

    [Fact]
    public async Task Titles_and_bylines_a_feed_writes_with_markup_are_stored_and_served_as_text()
    {
        var url = server.Serve("markup.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Harbour Post</title><link>https://harbour.example/</link>
              <item><title>&lt;script&gt;alert(1)&lt;/script&gt; Harbour reopens</title><link>https://harbour.example/news/1</link>
                <pubDate>Tue, 24 Nov 2026 07:00:00 GMT</pubDate><dc:creator>&lt;b&gt;Mira Okafor&lt;/b&gt;</dc:creator><description>The harbour reopened on Monday.</description></item>
              <item><title><![CDATA[<b>Ferries</b> return <i>early</i>]]></title><link>https://harbour.example/news/2</link>
                <pubDate>Tue, 24 Nov 2026 06:00:00 GMT</pubDate><description>The ferries returned a week early.</description></item>
              <item><title>Fish &amp;amp; chips: prices rise &lt;again&gt;</title><link>https://harbour.example/news/3</link>
                <pubDate>Tue, 24 Nov 2026 05:00:00 GMT</pubDate><description>Prices rose at the quay.</description></item>
            </channel></rss>
            """);

        var items = await FetchParseAndListAsync("harbour", new Uri(url));
        var context = HttpContexts.Get(pipeline!.Services, "/api/items?format=jsonfeed&limit=20");
        await pipeline.Create<LatestItems>().Run(context.Request);
        var feedItems = HttpContexts.Json(context).GetProperty("items").EnumerateArray().ToList();

        string[] expected = ["Harbour reopens", "Ferries return early", "Fish & chips: prices rise <again>"];
        Assert.Equal(expected, items.Select(i => i.GetProperty("title").GetString()!));
        Assert.Equal(expected, feedItems.Select(i => i.GetProperty("title").GetString()!));
        Assert.Equal("Mira Okafor", items[0].GetProperty("author").GetString());
        Assert.Equal("Mira Okafor", feedItems[0].GetProperty("authors")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_JSON_Feed_items_own_summary_is_its_summary_when_it_carries_no_content()
    {
        var url = server.Serve("summary.json", """
            {
              "version": "https://jsonfeed.org/version/1.1",
              "title": "Delta Daily",
              "home_page_url": "https://delta.example/",
              "items": [
                { "id": "d-1", "url": "https://delta.example/stories/1", "title": "Bridge reopens", "date_published": "2026-11-24T07:30:00Z",
                  "summary": "The swing bridge reopened on Tuesday after repairs & checks." },
                { "id": "d-2", "url": "https://delta.example/stories/2", "title": "Market moves", "date_published": "2026-11-24T06:30:00Z",
                  "summary": "A summary the body below says better.", "content_html": "<p>The night market moves to the quay in December.</p>" }
              ]
            }
            """, "application/feed+json");

        var items = await FetchParseAndListAsync("delta", new Uri(url));

        Assert.Equal("The swing bridge reopened on Tuesday after repairs & checks.", items[0].GetProperty("summary").GetString());
        // As RSS's description and Atom's summary: the item's content, when it has one, is what is archived and summarized.
        Assert.Equal("The night market moves to the quay in December.", items[1].GetProperty("summary").GetString());
    }

    private Task<List<JsonElement>> FetchParseAndListAsync(string name, string fixture) => FetchParseAndListAsync(name, new Uri(server.ServeFixture(fixture)));

    private async Task<List<JsonElement>> FetchParseAndListAsync(string name, Uri url)
    {
        pipeline = await TestPipeline.CreateAsync($"{name}={url.AbsoluteUri}");
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        Assert.Equal(0, report.Failed);
        Assert.NotEmpty(report.WrittenBlobs);

        var blobs = pipeline.Get<ArticleBlobStore>();
        var function = pipeline.Create<ParseArticle>();
        var parsed = new List<Core.Model.Articles.ArticleMetadata>();
        foreach (var blob in report.WrittenBlobs)
        {
            // As the host calls it: the content, the name and the metadata from the trigger's binding data.
            var outcome = await function.Run(await blobs.ReadAsync(blob, CancellationToken.None), blob,
                await blobs.GetMetadataAsync(blob, CancellationToken.None), CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.FailureReason);
            parsed.Add(outcome.Article!);
        }

        // What reindex does, from the blob alone, gives the same row.
        foreach (var blob in report.WrittenBlobs)
        {
            var again = await pipeline.Get<ParseService>().ParseBlobAsync(blob, CancellationToken.None);
            var first = parsed.Single(a => a.BlobName == blob);
            Assert.Equal((first.Author, first.Image, first.Caption, first.Summary, first.Language, first.Published),
                (again.Article!.Author, again.Article.Image, again.Article.Caption, again.Article.Summary, again.Article.Language, again.Article.Published));
            Assert.Equal(first.Categories, again.Article.Categories);
        }

        var context = HttpContexts.Get(pipeline.Services, "/api/items?limit=20");
        await pipeline.Create<LatestItems>().Run(context.Request);
        Assert.Equal(200, context.Response.StatusCode);
        return HttpContexts.Json(context).GetProperty("items").EnumerateArray().ToList();
    }

    private async Task<JsonElement> DetailAsync(JsonElement item)
    {
        var id = item.GetProperty("id").GetString()!;
        var context = HttpContexts.Get(pipeline!.Services, "/api/items/" + id);
        await pipeline.Create<ItemById>().Run(context.Request, id);
        Assert.Equal(200, context.Response.StatusCode);
        return HttpContexts.Json(context);
    }
}
