using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>
/// Dates that are not news dates, through the whole pipeline (fetch → blob → parse → <c>/api/items</c>): an undated
/// item and one dated far in the future are filed under the fetch time and say so (<c>publishedOrigin: fetched</c>);
/// one dated 1900 keeps its date and so sorts below today's news.
/// </summary>
public sealed class NewsDateTests : IAsyncLifetime
{
    private FeedServer server = null!;
    private TestPipeline pipeline = null!;
    private DateTimeOffset today;

    public async Task InitializeAsync()
    {
        server = await FeedServer.StartAsync();
        today = DateTimeOffset.UtcNow.AddHours(-1);
        var rss = server.Serve("odd-dates.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Odd dates</title><link>https://odd.example/</link>
              <item><title>Today's news</title><link>https://odd.example/today</link><pubDate>{today.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)}</pubDate><description><![CDATA[<p>Happened an hour ago.</p>]]></description></item>
              <item><title>No date at all</title><link>https://odd.example/undated</link><description><![CDATA[<p>The feed gives no date.</p>]]></description></item>
              <item><title>Dated 2100</title><link>https://odd.example/future</link><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate><description><![CDATA[<p>A year typed wrong.</p>]]></description></item>
              <item><title>Dated 1900 in RSS</title><link>https://odd.example/rss-1900</link><pubDate>Mon, 01 Jan 1900 00:00:00 GMT</pubDate><description><![CDATA[<p>A placeholder date.</p>]]></description></item>
            </channel></rss>
            """);
        var json = server.Serve("odd-dates.json", """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Odd JSON", "home_page_url": "https://oddjson.example/",
             "items": [{"id": "1", "url": "https://oddjson.example/1900", "title": "Dated 1900 in JSON Feed", "content_html": "<p>Also a placeholder.</p>", "date_published": "1900-01-01T00:00:00Z"}]}
            """, "application/feed+json");
        pipeline = await TestPipeline.CreateAsync($"odd={rss};oddjson={json}");
    }

    public async Task DisposeAsync()
    {
        await pipeline.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Undated_and_future_items_are_fetched_dated_and_far_past_ones_never_outrank_todays_news()
    {
        var before = DateTimeOffset.UtcNow;
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        var after = DateTimeOffset.UtcNow;
        Assert.Equal(5, report.New);
        foreach (var blob in report.WrittenBlobs)
        {
            var outcome = await pipeline.Get<ParseService>().ParseBlobAsync(blob, CancellationToken.None);
            Assert.True(outcome.Succeeded, blob + ": " + outcome.FailureReason);
        }

        var items = await ListAsync("/api/items?limit=10");
        var byTitle = items.ToDictionary(i => i.GetProperty("title").GetString()!);
        Assert.Equal(5, items.Count);

        foreach (var title in new[] { "No date at all", "Dated 2100" })
        {
            Assert.Equal("fetched", byTitle[title].GetProperty("publishedOrigin").GetString());
            Assert.InRange(byTitle[title].GetProperty("published").GetDateTimeOffset(), before.AddSeconds(-1), after.AddSeconds(1));
        }

        Assert.Equal("header", byTitle["Today's news"].GetProperty("publishedOrigin").GetString());
        Assert.Equal(today.ToUnixTimeSeconds(), byTitle["Today's news"].GetProperty("published").GetDateTimeOffset().ToUnixTimeSeconds());

        // The far-past items keep their date, so they come after today's news, last.
        Assert.Equal(["Dated 1900 in JSON Feed", "Dated 1900 in RSS"], items.Skip(3).Select(i => i.GetProperty("title").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(items.Skip(3), i => Assert.Equal(1900, i.GetProperty("published").GetDateTimeOffset().Year));
        Assert.Equal(["Today's news"], items.Take(3).Select(i => i.GetProperty("title").GetString()!).Where(t => t == "Today's news"));

        // The refused date is kept beside the document, and the blob is filed with the undated ones, so the item
        // is stored once however many days it stays in the feed.
        var future = report.WrittenBlobs.Single(b => b == byTitle["Dated 2100"].GetProperty("blobName").GetString());
        Assert.StartsWith("odd/undated/", future, StringComparison.Ordinal);
        var metadata = await pipeline.Get<ArticleBlobStore>().GetMetadataAsync(future, CancellationToken.None);
        Assert.Equal("fetchtime", metadata["dateorigin"]);
        Assert.Equal("2100-01-01T00:00:00.0000000+00:00", metadata["refuseddate"]);

        // The latest-first list for the source shows the same order; a window of this year holds no 1900 item.
        var thisYear = await ListAsync($"/api/items?source=odd&since={DateTimeOffset.UtcNow.Year}-01-01T00:00:00Z");
        Assert.DoesNotContain(thisYear, i => i.GetProperty("title").GetString() == "Dated 1900 in RSS");
    }

    private async Task<List<JsonElement>> ListAsync(string pathAndQuery)
    {
        var context = HttpContexts.Get(pipeline.Services, pathAndQuery);
        await pipeline.Get<Core.Web.Api.ItemsEndpoint>().HandleAsync(context);
        Assert.Equal(200, context.Response.StatusCode);
        return HttpContexts.Json(context).GetProperty("items").EnumerateArray().ToList();
    }
}
