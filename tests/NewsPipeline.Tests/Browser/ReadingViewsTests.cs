using Microsoft.Playwright;

namespace NewsPipeline.Tests.Browser;

/// <summary>
/// A reader's session on each view, in a real browser against <c>newsfeed run</c>: the latest, per feed and per folder
/// views hold the items <c>/api/items</c> returns, in its order, page after page; the article and feeds views show
/// what they promise; nothing logs an error or breaks the CSP; and every view works with JavaScript off.
/// </summary>
[Collection(BrowserSession.Name)]
public sealed class ReadingViewsTests(ReadingPageHost host)
{
    [Fact]
    public async Task Latest_feed_and_folder_views_show_the_items_of_the_API_in_its_order_page_after_page()
    {
        await using var tab = await host.OpenAsync();
        foreach (var (view, api) in new[]
        {
            ("/", "api/items"),
            ($"/feed/{host.Harbour}", $"api/items?source={host.Harbour}"),
            ("/folder?name=Local", $"api/items?source={host.Harbour},{host.Chinese}"),
        })
        {
            var expected = await host.ApiIdsAsync(api);
            Assert.True(expected.Count > 20, $"{api} fits on one page: the test would not page");
            await tab.GoAsync(view);
            var shown = await tab.ItemIdsAsync();
            var pages = 1;
            while (await tab.Page.Locator("a[rel=next]").CountAsync() == 1)
            {
                await tab.Page.ClickAsync("a[rel=next]");
                await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                shown.AddRange(await tab.ItemIdsAsync());
                Assert.True(++pages < 10, "paging does not end");
            }

            Assert.Equal(expected, shown);
            Assert.True(pages > 1);
        }

        tab.AssertClean();
    }

    [Fact]
    public async Task The_article_view_shows_the_body_original_link_author_date_and_language()
    {
        await using var tab = await host.OpenAsync();
        var id = (await host.ApiIdsAsync($"api/items?source={host.Chinese}"))[0];
        await tab.GoAsync("/article/" + id);

        var article = tab.Page.Locator("article.article");
        Assert.Equal("zh-Hans", await article.GetAttributeAsync("lang"));
        Assert.StartsWith("港口小镇举办第", await tab.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("数千名游客", await article.Locator(".body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("王明", await article.Locator(".meta").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await article.Locator(".meta time[datetime]").CountAsync());
        var original = await article.Locator("a.original").GetAttributeAsync("href");
        Assert.Matches("^http://127\\.0\\.0\\.1:\\d+/articles/zh-\\d$", original);
        // The lead image, from loopback (Page__ImageSources), loaded.
        Assert.True(await article.Locator(".body img").First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        tab.AssertClean();
    }

    [Fact]
    public async Task The_feeds_view_shows_each_feeds_health_by_folder()
    {
        await using var tab = await host.OpenAsync();
        await tab.GoAsync("/feeds");

        Assert.Equal(["Local", "World", "Not in a folder"], (await tab.Page.Locator(".folder h2").AllInnerTextsAsync()).Select(t => t.Trim()));
        var broken = tab.Page.Locator("li.feed", new() { HasText = "Broken" });
        Assert.Equal("Failing", (await broken.Locator(".state").InnerTextAsync()).Trim());
        Assert.Contains("Not well-formed XML", await broken.Locator(".health").InnerTextAsync(), StringComparison.Ordinal);
        var harbour = tab.Page.Locator("li.feed", new() { HasText = "Harbour News" });
        var health = await harbour.Locator(".health").InnerTextAsync();
        Assert.Contains("Last check", health, StringComparison.Ordinal);
        Assert.Contains("Next check", health, StringComparison.Ordinal);
        await harbour.Locator("h3 a").ClickAsync();
        await tab.Page.WaitForURLAsync($"**/feed/{host.Harbour}");
        tab.AssertClean();
    }

    [Fact]
    public async Task Every_view_reads_and_pages_with_JavaScript_off()
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = host.BaseAddress.AbsoluteUri });
        await using var tab = await WatchedPage.StartAsync(context);
        await tab.GoAsync("/");
        Assert.Equal(20, (await tab.ItemIdsAsync()).Count);
        Assert.False(await tab.Page.Locator("#theme").IsVisibleAsync());
        await tab.Page.ClickAsync("a[rel=next]");
        Assert.Contains("cursor=", tab.Page.Url, StringComparison.Ordinal);
        await tab.Page.Locator("a.title").First.ClickAsync();
        await tab.Page.WaitForURLAsync("**/article/**");
        Assert.Equal(1, await tab.Page.Locator("article.article .body").CountAsync());
        await tab.GoAsync("/feeds");
        await tab.GoAsync("/folder?name=World");
        Assert.True((await tab.ItemIdsAsync()).Count > 0);
        tab.AssertClean();
    }
}
