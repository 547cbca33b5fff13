using System.Text.Json;
using System.Xml.Linq;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>
/// Relative links in an item's HTML are the article page's: resolved against the article's address when the document
/// is written, they work in the blob, in the row's sanitized HTML, and in the JSON Feed and RSS the API serves.
/// </summary>
public sealed class RelativeLinksRoundTripTests : IAsyncLifetime
{
    private const string Article = "https://cycle.example/news/2026/seafront-lane";

    // As a site's CMS copies its page into the feed: root-relative, dot-relative, protocol-relative and srcset links,
    // beside a fragment and a mailto: that must stay as they are.
    private const string ItemHtml =
        "<p>The <a href=\"../routes/seafront?from=pier&amp;to=harbour\">new lane</a> is open (<a href=\"#notes\">notes</a>, " +
        "<a href=\"mailto:desk@cycle.example\">write to us</a>).</p>" +
        "<p><img src=\"/img/cycle-lane.jpg\" alt=\"The lane\"></p>" +
        "<p><img src=\"//cdn.cycle.example/lane-wide.jpg\" srcset=\"lane-480.jpg 480w, /img/lane-960.jpg 960w\" alt=\"Wide\"></p>";

    private FeedServer server = null!;

    public async Task InitializeAsync() => server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task RSS_content_links_are_absolute_in_the_blob_the_row_and_both_feed_formats()
    {
        var rss = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
              <title>Cycle News</title><link>https://cycle.example/</link><description>Cycling in town</description>
              <item>
                <title>New cycle lane along the seafront is finished</title>
                <link>{Article}</link>
                <pubDate>Tue, 24 Nov 2026 07:00:00 GMT</pubDate>
                <content:encoded><![CDATA[{ItemHtml}]]></content:encoded>
              </item>
            </channel></rss>
            """;

        await AssertResolvedEverywhereAsync(server.Serve("cycle.xml", rss));
    }

    [Fact]
    public async Task JSON_Feed_content_links_are_absolute_in_the_blob_the_row_and_both_feed_formats()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = "https://jsonfeed.org/version/1.1",
            ["title"] = "Cycle News",
            ["home_page_url"] = "https://cycle.example/",
            ["items"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["id"] = "seafront-lane",
                    ["url"] = Article,
                    ["title"] = "New cycle lane along the seafront is finished",
                    ["date_published"] = "2026-11-24T07:00:00Z",
                    ["content_html"] = ItemHtml,
                },
            },
        });

        await AssertResolvedEverywhereAsync(server.Serve("cycle.json", json, "application/feed+json"));
    }

    [Theory]
    [InlineData("<p>No links at all.</p>")]
    [InlineData("<p><a href=\"https://other.example/x\">absolute</a> <a href=\"#top\">top</a> <img src=\"data:image/gif;base64,R0lGOD\"></p>")]
    public void HTML_without_a_relative_link_is_kept_exactly_as_it_came(string html) =>
        Assert.Same(html, RelativeLinks.Resolve(html, Article));

    private static async Task AssertResolvedEverywhereAsync(string feedUrl)
    {
        await using var pipeline = await TestPipeline.CreateAsync($"cycle={feedUrl}");
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        Assert.Equal(0, report.Failed);
        var blob = Assert.Single(report.WrittenBlobs);

        var blobs = pipeline.Get<ArticleBlobStore>();
        var document = await blobs.ReadAsync(blob, CancellationToken.None);
        AssertAbsolute(document);
        Assert.Contains("href=\"https://cycle.example/news/routes/seafront?from=pier&amp;to=harbour\"", document, StringComparison.Ordinal);
        Assert.Contains("srcset=\"https://cycle.example/news/2026/lane-480.jpg 480w, https://cycle.example/img/lane-960.jpg 960w\"", document, StringComparison.Ordinal);
        Assert.Contains("href=\"#notes\"", document, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:desk@cycle.example\"", document, StringComparison.Ordinal);

        var outcome = await pipeline.Create<ParseArticle>().Run(document, blob, await blobs.GetMetadataAsync(blob, CancellationToken.None), CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        AssertAbsolute(outcome.Article!.ContentHtml!);
        Assert.Contains("https://cycle.example/news/routes/seafront?from=pier&to=harbour", outcome.Article.Links);

        var jsonFeed = HttpContexts.Get(pipeline.Services, "/api/items?format=jsonfeed");
        await pipeline.Create<LatestItems>().Run(jsonFeed.Request);
        var contentHtml = HttpContexts.Json(jsonFeed).GetProperty("items")[0].GetProperty("content_html").GetString()!;
        AssertAbsolute(contentHtml);

        var rss = HttpContexts.Get(pipeline.Services, "/api/items?format=rss");
        await pipeline.Create<LatestItems>().Run(rss.Request);
        var description = XDocument.Parse(HttpContexts.Body(rss)).Descendants("item").Single().Element("description")!.Value;
        AssertAbsolute(description);
    }

    private static void AssertAbsolute(string html)
    {
        Assert.Contains("src=\"https://cycle.example/img/cycle-lane.jpg\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://cdn.cycle.example/lane-wide.jpg\"", html, StringComparison.Ordinal);
        Assert.Contains("https://cycle.example/news/routes/seafront?from=pier&amp;to=harbour", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"../", html, StringComparison.Ordinal);
    }
}
