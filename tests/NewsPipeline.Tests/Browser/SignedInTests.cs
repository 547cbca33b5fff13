using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NewsPipeline.Tests.Browser;

/// <summary>
/// A reader's signed-in session, as CommerceFeed's e2e tests read: sign in, mark read by key and by opening, star,
/// mark all read, sign out; a second account sees none of it. The session cookie is HttpOnly, Secure and
/// SameSite=Strict, and a form without the session's token changes nothing.
/// </summary>
[Collection(BrowserSession.Name)]
public sealed class SignedInTests(ReadingPageHost host)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Sign_in_mark_read_by_key_and_by_opening_star_sign_out_and_another_account_sees_none_of_it()
    {
        var alice = await host.AddAccountAsync("alice", Password);
        var bob = await host.AddAccountAsync("bob", Password);
        await using var tab = await host.OpenAsync();
        var page = tab.Page;

        // Unread needs an account: the page asks for one, and comes back to unread after.
        await page.GotoAsync("/unread");
        await page.WaitForURLAsync("**/login");
        await SignInAsync(tab, alice);
        var session = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "np_session");
        Assert.True(session.HttpOnly);
        Assert.True(session.Secure);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);

        var unread = await tab.ItemIdsAsync();
        Assert.Equal(20, unread.Count);
        // The signed-in views' forms and buttons pass axe too.
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));

        // m on the selected item: read, so unread no longer lists it.
        await page.Keyboard.PressAsync("j");
        // The key presses the form's button: a POST, then 303 back to unread.
        await SubmitAsync(tab, () => page.Keyboard.PressAsync("m"));
        var readByKey = unread[0];
        Assert.DoesNotContain(readByKey, await tab.ItemIdsAsync());

        // o opens the next one: opening reads it.
        var opened = (await tab.ItemIdsAsync())[0];
        await page.Keyboard.PressAsync("j");
        await SubmitAsync(tab, () => page.Keyboard.PressAsync("o"));
        Assert.EndsWith($"/article/{opened}", page.Url, StringComparison.Ordinal);
        Assert.Equal("Mark unread", (await page.Locator("article.article [data-action=read]").InnerTextAsync()).Trim());
        await page.GotoAsync("/unread");
        Assert.DoesNotContain(opened, await tab.ItemIdsAsync());

        // s stars the selected item; g s lists it.
        var starred = (await tab.ItemIdsAsync())[0];
        await page.Keyboard.PressAsync("j");
        await SubmitAsync(tab, () => page.Keyboard.PressAsync("s"));
        Assert.Equal("true", await page.Locator($"li.item[data-id='{starred}'] [data-action=star]").GetAttributeAsync("aria-pressed"));
        await page.Keyboard.PressAsync("g");
        await SubmitAsync(tab, () => page.Keyboard.PressAsync("s"));
        Assert.EndsWith("/starred", page.Url, StringComparison.Ordinal);
        Assert.Equal([starred], await tab.ItemIdsAsync());

        // A form without the session's token changes nothing.
        var forged = await page.Context.APIRequest.PostAsync("/mark", new() { Form = FormOf(page.Context.APIRequest, ("id", starred), ("do", "unstar"), ("_csrf", "forged")), MaxRedirects = 0 });
        Assert.Equal(403, forged.Status);
        await page.ReloadAsync();
        Assert.Equal([starred], await tab.ItemIdsAsync());

        // Sign out: the session ends, and unread asks for an account again.
        await SubmitAsync(tab, () => page.ClickAsync("button.signout"));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "np_session");
        await page.GotoAsync("/unread");
        await page.WaitForURLAsync("**/login");

        // Bob: nothing Alice read is read for him, nothing she starred is starred.
        await SignInAsync(tab, bob);
        var bobs = await AllUnreadAsync(tab);
        Assert.Contains(readByKey, bobs);
        Assert.Contains(opened, bobs);
        await page.GotoAsync("/starred");
        Assert.Empty(await tab.ItemIdsAsync());

        // Mark all as read: unread is empty for Bob.
        await page.GotoAsync("/unread");
        await SubmitAsync(tab, () => page.ClickAsync("form.all button"));
        Assert.Empty(await tab.ItemIdsAsync());
        tab.AssertClean();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_form_again()
    {
        var carol = await host.AddAccountAsync("carol", Password);
        await using var tab = await host.OpenAsync();
        await tab.GoAsync("/login");
        await tab.Page.FillAsync("#name", carol);
        await tab.Page.FillAsync("#password", "not the password");
        var response = await tab.Page.RunAndWaitForResponseAsync(() => tab.Page.ClickAsync("form.login button"), r => r.Request.Method == "POST");
        Assert.Equal(401, response.Status);
        Assert.Contains("do not match", await tab.Page.Locator(".problem").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await tab.Page.Context.CookiesAsync(), c => c.Name == "np_session");
    }

    /// <summary>
    /// Runs what posts a form or follows a link, and waits until the page it is sent back to is committed and loaded (the same URL as
    /// before for a mark, so a URL wait could return on the old document).
    /// </summary>
    private static async Task SubmitAsync(WatchedPage tab, Func<Task> action)
    {
        var before = tab.Navigations.Count;
        await action();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (tab.Navigations.Count == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "The form was not answered with a page.");
            await Task.Delay(50);
        }

        await tab.Page.WaitForLoadStateAsync(LoadState.Load);
    }

    private static async Task SignInAsync(WatchedPage tab, string account)
    {
        await tab.Page.FillAsync("#name", account);
        await tab.Page.FillAsync("#password", Password);
        await SubmitAsync(tab, () => tab.Page.ClickAsync("form.login button"));
        Assert.EndsWith("/unread", tab.Page.Url, StringComparison.Ordinal);
    }

    private static async Task<List<string>> AllUnreadAsync(WatchedPage tab)
    {
        await tab.Page.GotoAsync("/unread");
        var ids = await tab.ItemIdsAsync();
        while (await tab.Page.Locator("a[rel=next]").CountAsync() == 1)
        {
            await tab.Page.ClickAsync("a[rel=next]");
            await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            ids.AddRange(await tab.ItemIdsAsync());
        }

        return ids;
    }

    private static IFormData FormOf(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}
