using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// The latest items (<c>/</c>), one feed's (<c>/feed/{name}</c>) and one folder's (<c>/folder?name=…</c>): the same
/// timeline reads as <c>GET /api/items</c> (with <c>source=</c>), the same page size and the same cursors, so a page
/// holds exactly the items the API returns, in its order.
/// </summary>
public sealed class TimelineViews(ArticleIndexStore index, FeedAdministration feeds, PageKit kit, PageMarks marks)
{
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
        var cursorValues = page.Http.Request.Query["cursor"];
        TimelinePosition? after = null;
        if (cursorValues.Count > 1 || (cursorValues.Count == 1 && (after = ItemsCursor.TryDecode(cursorValues[0] ?? "")) is null))
        {
            await page.WriteMessageAsync(StatusCodes.Status400BadRequest, "This page link is broken",
                "Its cursor is not one this site wrote. Start again from the newest items.").ConfigureAwait(false);
            return;
        }

        var timeline = await page.ReadAsync(ct => index.PageAsync(new TimelineQuery(ItemsRequest.DefaultLimit, sources, After: after), ct)).ConfigureAwait(false);
        var next = timeline.Next is null ? null : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "cursor=" + ItemsCursor.Encode(timeline.Next);
        var html = PageLayout.Open(page, title, section);
        html.Append("<h1>").Text(heading).Append("</h1>");
        if (note is not null)
        {
            html.Append("<p class=\"note\">").Text(note).Append("</p>");
        }

        var articles = timeline.Items.Select(e => e.Article).ToList();
        ItemList.Write(html, page, articles, path, next, after is null, await marks.StatesAsync(page, articles).ConfigureAwait(false));
        await page.WriteAsync(PageLayout.Close(html, page)).ConfigureAwait(false);
    }
}
