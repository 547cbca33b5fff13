using Microsoft.Playwright;

namespace NewsPipeline.Tests.Browser;

/// <summary>
/// A reader following a story in a real browser against <c>newsfeed run</c>, whose parse stage clustered the fixture's
/// two reports of one event (Simplified and Traditional script, two outlets): the article lists the other report and
/// the link opens it; the latest view collapses the story to one entry and back, with JavaScript off.
/// </summary>
[Collection(BrowserSession.Name)]
public sealed class StoriesTests(ReadingPageHost host)
{
    [Fact]
    public async Task An_article_lists_the_other_report_of_its_story_and_the_link_opens_it()
    {
        var (law, _) = await host.NewestWithStoryAsync(ReadingPageHost.LawFeed);
        var (traditional, _) = await host.NewestWithStoryAsync(ReadingPageHost.LawTraditionalFeed);
        await using var tab = await host.OpenAsync();
        await tab.GoAsync("/article/" + law);

        var others = tab.Page.Locator("section.others");
        Assert.Equal("Other reports of this story", (await others.Locator("h2").InnerTextAsync()).Trim());
        var report = others.Locator("ol.reports li");
        Assert.Equal(1, await report.CountAsync());
        Assert.Equal(ReadingPageHost.LawTraditionalFeed, (await report.Locator("a.outlet").InnerTextAsync()).Trim());
        await report.Locator("a.report", new() { HasText = "魯里塔尼亞議會全票通過港口安全法" }).ClickAsync();
        await tab.Page.WaitForURLAsync($"**/article/{traditional}");

        Assert.StartsWith("魯里塔尼亞議會", await tab.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(law, await tab.Page.Locator("section.others ol.reports li").GetAttributeAsync("data-id"));
        tab.AssertClean();
    }

    [Fact]
    public async Task The_latest_view_collapses_the_story_to_one_entry_and_back_with_JavaScript_off()
    {
        var (law, story) = await host.NewestWithStoryAsync(ReadingPageHost.LawFeed);
        var (traditional, _) = await host.NewestWithStoryAsync(ReadingPageHost.LawTraditionalFeed);
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = host.BaseAddress.AbsoluteUri });
        await using var tab = await WatchedPage.StartAsync(context);
        await tab.GoAsync("/");
        var every = await tab.ItemIdsAsync();
        Assert.Equal([traditional, law], every.Take(2));

        await tab.Page.ClickAsync("nav.switch a[data-switch]");
        await tab.Page.WaitForURLAsync("**/?stories=collapse");
        var collapsed = await tab.ItemIdsAsync();
        // The story once, as its newest report, standing for the other.
        Assert.Equal(traditional, collapsed[0]);
        Assert.DoesNotContain(law, collapsed);
        Assert.True(collapsed.Count <= every.Count);
        var also = tab.Page.Locator($"li.item[data-id='{traditional}'] p.also");
        Assert.Equal($"+1 other report · {ReadingPageHost.LawFeed}", (await also.InnerTextAsync()).Trim());
        Assert.Equal("Each story once", (await tab.Page.Locator("nav.switch a[aria-current=page]").InnerTextAsync()).Trim());

        // Older pages stay collapsed; "+1 other report" opens the story.
        if (await tab.Page.Locator("a[rel=next]").CountAsync() == 1)
        {
            Assert.Contains("stories=collapse", await tab.Page.Locator("a[rel=next]").GetAttributeAsync("href"), StringComparison.Ordinal);
        }

        await also.Locator("a").ClickAsync();
        await tab.Page.WaitForURLAsync($"**/story/{story}");
        Assert.Equal([law, traditional], await tab.Page.Locator("section.story ol.reports li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.id)"));

        await tab.GoAsync("/?stories=collapse");
        await tab.Page.ClickAsync("nav.switch a[data-switch]");
        await tab.Page.WaitForURLAsync(url => !url.Contains("stories=", StringComparison.Ordinal));
        Assert.Equal(every, await tab.ItemIdsAsync());
        tab.AssertClean();
    }
}
