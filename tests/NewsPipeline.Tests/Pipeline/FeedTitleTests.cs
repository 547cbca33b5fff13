using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Pipeline;

/// <summary>A feed's own title and site are recorded from what it serves, as text, and never replace a person's.</summary>
public sealed class FeedTitleTests
{
    [Fact]
    public async Task The_feeds_own_title_and_site_are_recorded_as_text_and_a_given_title_is_kept()
    {
        await using var server = await FeedServer.StartAsync();
        var chinese = server.Serve("chinese.xml", Rss("<b>美国之音</b> &amp; 时事", "https://www.voachinese.com/"));
        var named = server.Serve("named.xml", Rss("Their own name", "https://named.example/"));
        await using var pipeline = await TestPipeline.CreateAsync("");
        var registry = pipeline.Get<FeedRegistryStore>();
        var administration = pipeline.Get<FeedAdministration>();
        await administration.AddAsync("chinese", chinese, null, null, null, CancellationToken.None);
        await administration.AddAsync("named", named, null, null, "The title I chose", CancellationToken.None);

        await pipeline.Get<FetchService>().RunAsync(null, CancellationToken.None);
        var first = await registry.GetAsync("chinese", CancellationToken.None);
        var second = await registry.GetAsync("named", CancellationToken.None);
        var opml = await administration.ExportAsync(CancellationToken.None);

        Assert.Equal("美国之音 & 时事", first!.Title);
        Assert.Equal("https://www.voachinese.com/", first.SiteUrl);
        Assert.Equal("The title I chose", second!.Title);
        Assert.Contains("title=\"美国之音 &amp; 时事\"", opml, StringComparison.Ordinal);
    }

    private static string Rss(string title, string link) =>
        $"""<?xml version="1.0"?><rss version="2.0"><channel><title>{System.Security.SecurityElement.Escape(title)}</title><link>{link}</link><item><title>One</title><link>{link}one</link><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item></channel></rss>""";
}
