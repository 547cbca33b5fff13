using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NewsPipeline.Tests.Browser;

/// <summary>axe-core (Deque.AxeCore.Playwright) on every view, light and dark: no serious or critical violation.</summary>
[Collection(BrowserSession.Name)]
public sealed class AccessibilityTests(ReadingPageHost host)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task No_view_has_a_serious_or_critical_axe_violation(string scheme)
    {
        var article = (await host.ApiIdsAsync($"api/items?source={host.Harbour}"))[0];
        var chinese = (await host.ApiIdsAsync($"api/items?source={host.Chinese}"))[0];
        var (law, story) = await host.NewestWithStoryAsync(ReadingPageHost.LawFeed);
        await using var tab = await host.OpenAsync(scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        var found = new List<string>();
        foreach (var view in new[] { "/", $"/feed/{host.Wire}", "/folder?name=Local", "/article/" + article, "/article/" + chinese, "/article/" + law, "/story/" + story, "/?stories=collapse", "/feeds", "/login", "/article/not-there" })
        {
            await tab.Page.GotoAsync(view);
            var results = await tab.Page.RunAxe();
            found.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{view} ({scheme}): {v.Id} [{v.Impact}] {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
        // The one 404 asked for is the browser's only complaint.
        Assert.All(tab.Problems, p => Assert.Contains("/article/not-there: Failed to load resource: the server responded with a status of 404", p, StringComparison.Ordinal));
    }
}
