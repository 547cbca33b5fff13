using NewsPipeline.Core.Reading.Feeds;

namespace NewsPipeline.Tests.Api;

public sealed class RssSafetyTests
{
    [Fact]
    public async Task Characters_XML_forbids_are_dropped_from_RSS_instead_of_failing_the_page()
    {
        await using var api = await ApiFixture.StartAsync();
        var at = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        await api.AddAsync(ApiFixture.Article("basin", at, title: "Tabs\u000Bpasted \u0001from a word processor"), "<p>Body\u000B with a vertical tab</p>");
        await api.AddAsync(ApiFixture.Article("basin", at.AddHours(-1), title: "A clean one 😀"));

        using var response = await api.GetAsync("api/items?format=rss");

        Assert.Equal(200, (int)response.StatusCode);
        var feed = FeedReader.Read(await response.Content.ReadAsByteArrayAsync(), new Uri(api.Http.BaseAddress!, "api/items"));
        Assert.Equal(["Tabspasted from a word processor", "A clean one 😀"], feed.Items.Select(i => i.Title));
        Assert.Contains("Body with a vertical tab", feed.Items[0].ContentHtml, StringComparison.Ordinal);
    }
}
