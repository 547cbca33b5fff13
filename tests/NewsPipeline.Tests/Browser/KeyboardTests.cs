using Microsoft.Playwright;

namespace NewsPipeline.Tests.Browser;

/// <summary>
/// Keyboard only, as Miniflux's users read: <c>j</c>/<c>k</c> move a visible selection, <c>o</c>/Enter open,
/// <c>v</c> opens the original, <c>g f</c>/<c>g u</c> go to the feeds and back, <c>?</c> shows the keys; and Tab
/// reaches every link and button, the skip link first.
/// </summary>
[Collection(BrowserSession.Name)]
public sealed class KeyboardTests(ReadingPageHost host)
{
    [Fact]
    public async Task j_k_o_v_g_and_question_mark_do_what_Miniflux_users_expect()
    {
        await using var tab = await host.OpenAsync();
        var page = tab.Page;
        await tab.GoAsync("/");
        var ids = await tab.ItemIdsAsync();

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        Assert.Equal(ids[1], await page.Locator("li.item.current").GetAttributeAsync("data-id"));
        // The selection is where the focus is, and the focus is visible (an outline drawn by :focus-visible).
        Assert.Equal(ids[1], await page.EvaluateAsync<string>("document.activeElement.closest('li.item').dataset.id"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));

        // v: the original, in a new tab, with no referrer.
        var popup = page.Context.WaitForPageAsync();
        await page.Keyboard.PressAsync("v");
        var original = await popup;
        // A popup opened with noopener starts as about:blank: wait for the original itself, not the first load state.
        var expected = await page.Locator("li.item.current").GetAttributeAsync("data-original");
        await original.WaitForURLAsync(expected!);
        Assert.Equal(expected, original.Url);
        Assert.Equal("", await original.EvaluateAsync<string>("document.referrer"));
        await original.CloseAsync();
        // Back to the reader's tab, as a reader would be: keys go to the page that has the focus.
        await page.BringToFrontAsync();

        await page.Keyboard.PressAsync("o");
        await page.WaitForURLAsync($"**/article/{ids[1]}");
        await page.GoBackAsync();

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/article/{ids[0]}");

        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("f");
        await page.WaitForURLAsync("**/feeds");
        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("u");
        await page.WaitForURLAsync(host.BaseAddress.AbsoluteUri);

        Assert.False(await page.Locator("#keys").EvaluateAsync<bool>("d => d.open"));
        await page.Keyboard.PressAsync("?");
        Assert.True(await page.Locator("#keys").EvaluateAsync<bool>("d => d.open"));
        Assert.True(await page.Locator("#keys summary").EvaluateAsync<bool>("s => s === document.activeElement"));
        Assert.True(await page.Locator("#keys dl").IsVisibleAsync());

        // m and s need an account: without one the page says so, in its live region.
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("m");
        Assert.Contains("Sign in", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
        tab.AssertClean();
    }

    [Fact]
    public async Task Tab_reaches_the_skip_link_first_then_every_link_and_the_theme_toggle()
    {
        await using var tab = await host.OpenAsync();
        var page = tab.Page;
        await tab.GoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        var reachable = await page.EvaluateAsync<int>("document.querySelectorAll('a[href], button:not([hidden]), summary').length");
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < reachable + 5; i++)
        {
            visited.Add(await page.EvaluateAsync<string>("Array.from(document.querySelectorAll('*')).indexOf(document.activeElement) + ' ' + document.activeElement.tagName"));
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.True(visited.Count >= reachable, $"Tab reached {visited.Count} of {reachable} links and buttons.");

        // The theme toggle by keyboard: Enter on the focused button switches, and the choice is kept.
        await page.FocusAsync("#theme");
        var before = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        await page.Keyboard.PressAsync("Enter");
        Assert.NotEqual(before, await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await page.ReloadAsync();
        Assert.NotEqual(before, await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        tab.AssertClean();
    }
}
