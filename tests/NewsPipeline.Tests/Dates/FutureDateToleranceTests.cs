using System.Globalization;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Dates;

/// <summary>
/// Where "the future" starts: a date up to a day past the fetch is a clock or zone that disagrees and is believed;
/// one more than a day ahead is not news yet and is filed under the fetch time, with the refused date kept.
/// </summary>
public sealed class FutureDateToleranceTests
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-120, true)]
    [InlineData(60, true)]
    [InlineData(23 * 60 + 59, true)]
    [InlineData(24 * 60 + 1, false)]
    [InlineData(25 * 60, false)]
    [InlineData(74 * 365 * 24 * 60, false)]
    public void A_date_more_than_24_hours_after_the_fetch_is_filed_under_the_fetch_time(int minutesAhead, bool believed)
    {
        var dated = FetchedAt.AddMinutes(minutesAhead);

        var draft = Assert.Single(FeedItemDocuments.From(new FeedSource("odd", "https://odd.example/feed.xml"), Feed(dated), null, FetchedAt));

        Assert.Equal(believed, draft.DateWasRead);
        Assert.Equal(believed ? dated : FetchedAt, draft.Published);
        if (believed)
        {
            Assert.DoesNotContain("refuseddate", draft.Metadata.Keys);
        }
        else
        {
            Assert.Contains("is in the future", draft.UnreadDate, StringComparison.Ordinal);
            Assert.Equal(dated, DateTimeOffset.Parse(draft.Metadata["refuseddate"], CultureInfo.InvariantCulture));
            Assert.Equal("fetchtime", draft.Metadata["dateorigin"]);
            // The document's own date line is the fetch time too, so a reindex from the blob alone agrees.
            Assert.StartsWith($"<!--{FetchedAt.ToUnixTimeMilliseconds()}-->", draft.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_far_past_item_never_outranks_todays_news_in_one_sources_latest_list()
    {
        await using var server = await FeedServer.StartAsync();
        var today = DateTimeOffset.UtcNow.AddMinutes(-30);
        var url = server.Serve("old.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Old and new</title><link>https://old.example/</link>
              <item><title>Dated 1900</title><link>https://old.example/1900</link><pubDate>Mon, 01 Jan 1900 00:00:00 GMT</pubDate><description><![CDATA[<p>A placeholder date.</p>]]></description></item>
              <item><title>Dated 1970</title><link>https://old.example/1970</link><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate><description><![CDATA[<p>The epoch as a date.</p>]]></description></item>
              <item><title>Today's news</title><link>https://old.example/today</link><pubDate>{today.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)}</pubDate><description><![CDATA[<p>Happened half an hour ago.</p>]]></description></item>
            </channel></rss>
            """);
        await using var pipeline = await TestPipeline.CreateAsync($"old={url}");
        var report = await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        foreach (var blob in report.WrittenBlobs)
        {
            Assert.True((await pipeline.Get<ParseService>().ParseBlobAsync(blob, CancellationToken.None)).Succeeded, blob);
        }

        foreach (var query in new[] { "/api/items?source=old", "/api/items?source=old&limit=1", "/api/items" })
        {
            var context = HttpContexts.Get(pipeline.Services, query);
            await pipeline.Get<Core.Web.Api.ItemsEndpoint>().HandleAsync(context);
            var titles = HttpContexts.Json(context).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

            Assert.Equal("Today's news", titles[0]);
            Assert.Equal(query.Contains("limit=1", StringComparison.Ordinal) ? ["Today's news"] : ["Today's news", "Dated 1970", "Dated 1900"], titles);
        }
    }

    private static ParsedFeed Feed(DateTimeOffset dated) => FeedReader.Read(System.Text.Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Odd</title><link>https://odd.example/</link>
          <item><title>An item</title><link>https://odd.example/item</link><pubDate>{dated.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)}</pubDate><description><![CDATA[<p>Text.</p>]]></description></item>
        </channel></rss>
        """), null);
}
