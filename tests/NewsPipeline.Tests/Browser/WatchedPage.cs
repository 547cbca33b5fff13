using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace NewsPipeline.Tests.Browser;

/// <summary>
/// A browser tab that writes down what must never happen on the reading page: a console error, an uncaught script
/// error, a CSP violation (the <c>securitypolicyviolation</c> event), a dialog (what <c>alert()</c> would open), and
/// navigations the test did not ask for.
/// </summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext context;

    private WatchedPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
    }

    public IPage Page { get; }
    public ConcurrentQueue<string> Problems { get; } = new();
    public ConcurrentQueue<string> Navigations { get; } = new();

    public static async Task<WatchedPage> StartAsync(IBrowserContext context)
    {
        // Runs before any page script, outside the page's CSP (Playwright injects it), in every document of the context.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', (e) => {
              console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
            });
            """);
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(context, page);
        page.Console += (_, message) =>
        {
            // An image on a host other than loopback cannot resolve by design (the browser reaches loopback only): not a page error.
            if (message.Type == "error" && !message.Text.Contains("net::ERR_NAME_NOT_RESOLVED", StringComparison.Ordinal))
            {
                watched.Problems.Enqueue($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => watched.Problems.Enqueue($"page error on {page.Url}: {error}");
        page.Dialog += async (_, dialog) =>
        {
            watched.Problems.Enqueue($"dialog on {page.Url}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                watched.Navigations.Enqueue(frame.Url);
            }
        };
        return watched;
    }

    public async Task GoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Ok, $"{path}: {response.Status}");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public void AssertClean() => Assert.True(Problems.IsEmpty, string.Join("\n", Problems));

    public async Task<List<string>> ItemIdsAsync() =>
        (await Page.Locator("li.item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.id)")).ToList();

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
