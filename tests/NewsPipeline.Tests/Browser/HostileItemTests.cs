using System.Net.Http.Json;

namespace NewsPipeline.Tests.Browser;

/// <summary>
/// A feed item whose title, author and body carry <c>&lt;script&gt;</c>, <c>onerror=</c>, <c>javascript:</c> links, an
/// inline style, a frame and <c>&lt;meta http-equiv=refresh&gt;</c>: on every view that shows it, nothing executes
/// (no dialog, no error), nothing navigates, and the CSP has nothing to block.
/// </summary>
[Collection(BrowserSession.Name)]
public sealed class HostileItemTests(ReadingPageHost host)
{
    [Fact]
    public async Task Nothing_a_hostile_item_carries_runs_or_navigates()
    {
        var id = Assert.Single(await host.ApiIdsAsync($"api/items?source={host.Hostile}"));
        // The title as stored (the pipeline already made it plain text); the page must show it as text, character for character.
        var stored = (await host.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/items/{id}")).GetProperty("title").GetString();
        await using var tab = await host.OpenAsync();
        foreach (var view in new[] { "/", $"/feed/{host.Hostile}", "/article/" + id })
        {
            await tab.GoAsync(view);
            // The latest view may not reach back to it on its first page; the feed and article views show it.
            if (view != "/")
            {
                var title = view.StartsWith("/article/", StringComparison.Ordinal)
                    ? tab.Page.Locator("h1")
                    : tab.Page.Locator($"li.item[data-id='{id}'] a.title");
                Assert.Equal(stored, (await title.InnerTextAsync()).Trim());
            }
            if (view.StartsWith("/article/", StringComparison.Ordinal))
            {
                // Hover and click what the item offers: handlers and javascript: addresses are gone, so nothing happens.
                await tab.Page.HoverAsync("text=Hover me.");
                foreach (var link in await tab.Page.Locator(".body a").AllAsync())
                {
                    Assert.Null(await link.GetAttributeAsync("href"));
                    await link.ClickAsync();
                }

                Assert.Equal(0, await tab.Page.Locator(".body script, .body iframe, .body meta, .body [style], .body [onerror], .body [onmouseover]").CountAsync());
            }

            // A refresh of 0 s would have fired by now.
            await tab.Page.WaitForTimeoutAsync(1500);
            Assert.EndsWith(view, Uri.UnescapeDataString(tab.Page.Url), StringComparison.Ordinal);
        }

        Assert.Equal(3, tab.Navigations.Count);
        tab.AssertClean();
    }
}
