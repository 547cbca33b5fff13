using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// The latest items (<c>/</c>), one feed's (<c>/feed/{name}</c>) and one folder's (<c>/folder?name=…</c>): the same
/// timeline reads as <c>GET /api/items</c> (with <c>source=</c>), the same page size and the same cursors, so a page
/// holds exactly the items the API returns, in its order. <c>?stories=collapse</c> shows each story once
/// (<see cref="StoryCollapse"/>): the same timeline read, plus one point read per story on the page.
/// </summary>
public sealed class TimelineViews(ArticleIndexStore index, StoryDirectory stories, FeedAdministration feeds, PageKit kit, PageMarks marks)
{
    /// <summary>The query switch and its one value: without it every report is listed.</summary>
    internal const string StoriesParameter = "stories";

    internal const string Collapse = "collapse";

    public async Task LatestAsync(HttpContext context)
    {
        if (await kit.BeginAsync(context).ConfigureAwait(false) is { } page)
        {
            await ShowAsync(page, "Latest", "Latest news", [], "/", PageSection.Latest).ConfigureAwait(false);
        }
    }

    public async Task FeedAsync(HttpContext context, string? name)
    {
        if (await kit.BeginAsync(context).ConfigureAwait(false) is not { } page)
        {
            return;
        }

        await (name is null || !FeedSource.IsValidName(name)
            ? page.WriteMessageAsync(StatusCodes.Status404NotFound, "No such feed", "Feed names are lower-case letters, digits, '.', '_' and '-'.")
            : ShowAsync(page, name, "Feed: " + name, [name], "/feed/" + Uri.EscapeDataString(name), PageSection.Other)).ConfigureAwait(false);
    }

    public async Task FolderAsync(HttpContext context)
    {
        if (await kit.BeginAsync(context).ConfigureAwait(false) is not { } page)
        {
            return;
        }

        var name = context.Request.Query["name"];
        if (name.Count != 1 || string.IsNullOrWhiteSpace(name[0]) || name[0]!.Length > 200)
        {
            await page.WriteMessageAsync(StatusCodes.Status400BadRequest, "Which folder?", "Give one folder name, as the feeds page links it: /folder?name=News.").ConfigureAwait(false);
            return;
        }

        var folder = name[0]!;
        var registered = await page.ReadAsync(feeds.ListAsync).ConfigureAwait(false);
        // The API reads at most MaxSources partitions at once; a bigger folder shows its first ones, and says so.
        var sources = registered.Where(f => string.Equals(f.Category, folder, StringComparison.Ordinal)).Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        if (sources.Count == 0)
        {
            await page.WriteMessageAsync(StatusCodes.Status404NotFound, "No such folder", $"No feed is filed in a folder named '{folder}'.").ConfigureAwait(false);
            return;
        }

        var shown = sources.Take(ItemsRequest.MaxSources).ToList();
        await ShowAsync(page, folder, "Folder: " + folder, shown, "/" + PageRoutes.Folder + "?name=" + Uri.EscapeDataString(folder), PageSection.Other,
            sources.Count > shown.Count ? $"This folder has {sources.Count} feeds; the first {shown.Count} by name are shown." : null).ConfigureAwait(false);
    }

    private async Task ShowAsync(PageContext page, string title, string heading, IReadOnlyList<string> sources, string path, PageSection section, string? note = null)
    {
        var switchValues = page.Http.Request.Query[StoriesParameter];
        if (switchValues.Count > 1 || (switchValues.Count == 1 && !string.Equals(switchValues[0], Collapse, StringComparison.Ordinal)))
        {
            await page.WriteMessageAsync(StatusCodes.Status400BadRequest, "This view is not one the page has",
                $"'{StoriesParameter}=' takes one value, '{Collapse}' (each story once); leave it out to see every report.").ConfigureAwait(false);
            return;
        }

        var cursorValues = page.Http.Request.Query["cursor"];
        TimelinePosition? after = null;
        if (cursorValues.Count > 1 || (cursorValues.Count == 1 && (after = ItemsCursor.TryDecode(cursorValues[0] ?? "")) is null))
        {
            await page.WriteMessageAsync(StatusCodes.Status400BadRequest, "This page link is broken",
                "Its cursor is not one this site wrote. Start again from the newest items.").ConfigureAwait(false);
            return;
        }

        var collapsed = switchValues.Count == 1;
        var timeline = await page.ReadAsync(ct => index.PageAsync(new TimelineQuery(ItemsRequest.DefaultLimit, sources, After: after), ct)).ConfigureAwait(false);
        var viewPath = collapsed ? WithQuery(path, StoriesParameter + "=" + Collapse) : path;
        var next = timeline.Next is null ? null : WithQuery(viewPath, "cursor=" + ItemsCursor.Encode(timeline.Next));
        var html = PageLayout.Open(page, title, section);
        html.Append("<h1>").Text(heading).Append("</h1>");
        if (note is not null)
        {
            html.Append("<p class=\"note\">").Text(note).Append("</p>");
        }

        // The other view of the same page: both read the same timeline window, so the switch keeps the reader's place.
        var otherView = collapsed ? path : WithQuery(path, StoriesParameter + "=" + Collapse);
        WriteSwitch(html, page, collapsed, after is null ? otherView : WithQuery(otherView, "cursor=" + ItemsCursor.Encode(after)));

        var articles = timeline.Items.Select(e => e.Article).ToList();
        IReadOnlyDictionary<string, StoryLine>? lines = null;
        string? empty = null;
        if (collapsed)
        {
            // The stories the page's rows name, merges followed: one point read per distinct story, at once.
            var found = await page.ReadAsync(ct => stories.FindAllAsync(articles.Select(a => a.Story), ct)).ConfigureAwait(false);
            var (shown, storyLines) = StoryCollapse.Collapse(articles, found, sources, after);
            articles = shown.ToList();
            lines = storyLines;
            if (articles.Count == 0 && timeline.Items.Count > 0)
            {
                empty = "Every report on this page belongs to a story shown on a newer page.";
            }
        }

        ItemList.Write(html, page, articles, viewPath, next, after is null, await marks.StatesAsync(page, articles).ConfigureAwait(false), lines, empty);
        await page.WriteAsync(PageLayout.Close(html, page)).ConfigureAwait(false);
    }

    private static void WriteSwitch(System.Text.StringBuilder html, PageContext page, bool collapsed, string otherPath)
    {
        // Two plain links, the current one marked: it works with JavaScript off and a screen reader hears which is on.
        html.Append("<nav class=\"switch\" aria-label=\"Stories\">");
        foreach (var (label, isCollapsed) in new[] { ("Every report", false), ("Each story once", true) })
        {
            if (isCollapsed == collapsed)
            {
                html.Append("<a aria-current=\"page\" href=\"").Attr(page.Link(page.Here)).Append("\">").Text(label).Append("</a>");
            }
            else
            {
                html.Append("<a href=\"").Attr(page.Link(otherPath)).Append("\" data-switch=\"stories\">").Text(label).Append("</a>");
            }
        }

        html.Append("</nav>");
    }

    private static string WithQuery(string path, string parameter) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + parameter;
}
