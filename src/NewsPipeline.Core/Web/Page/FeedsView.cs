using System.Text;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Web.Api;

namespace NewsPipeline.Core.Web.Page;

/// <summary>
/// <c>/feeds</c>: every feed by folder, each with a link to its items and its health as whoever runs it needs it:
/// last check, next check, failures in a row, last error (as the anonymous <c>/api/feeds</c> shows it, redacted), and
/// how often it is checked (the interval the scheduler derived from its posting frequency). One read of the registry.
/// </summary>
public sealed class FeedsView(FeedStatusService status, PageKit kit)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (await kit.BeginAsync(context).ConfigureAwait(false) is not { } page)
        {
            return;
        }

        var feeds = await page.ReadAsync(status.ListAsync).ConfigureAwait(false);
        var html = PageLayout.Open(page, "Feeds", PageSection.Feeds);
        html.Append("<h1>Feeds</h1>");
        var failing = feeds.Count(f => f.ConsecutiveFailures > 0);
        html.Append("<p class=\"note\">").Append(PageHtml.Format(feeds.Count)).Append(feeds.Count == 1 ? " feed" : " feeds")
            .Append(", ").Append(PageHtml.Format(feeds.Count(f => f.Enabled))).Append(" enabled, ").Append(PageHtml.Format(failing)).Append(" failing.</p>");
        foreach (var folder in feeds.GroupBy(f => f.Category ?? "").OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append("<section class=\"folder\"><h2>");
            if (folder.Key.Length == 0)
            {
                html.Append("Not in a folder");
            }
            else
            {
                html.Append("<a href=\"").Attr(page.Link("/" + PageRoutes.Folder + "?name=" + Uri.EscapeDataString(folder.Key))).Append("\">").Text(folder.Key).Append("</a>");
            }

            html.Append("</h2><ul class=\"feeds\">");
            foreach (var feed in folder.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                WriteFeed(html, page, feed);
            }

            html.Append("</ul></section>");
        }

        await page.WriteAsync(PageLayout.Close(html, page)).ConfigureAwait(false);
    }

    private static void WriteFeed(StringBuilder html, PageContext page, FeedStatusResource feed)
    {
        var state = !feed.Enabled ? "disabled" : feed.ConsecutiveFailures > 0 ? "failing" : "ok";
        html.Append("<li class=\"feed ").Append(state).Append("\"><h3><a href=\"").Attr(page.Link("/feed/" + Uri.EscapeDataString(feed.Name))).Append("\">")
            .Text(feed.Title ?? feed.Name).Append("</a>");
        if (feed.Title is not null)
        {
            html.Append(" <span class=\"name\">").Text(feed.Name).Append("</span>");
        }

        html.Append(" <span class=\"state\">").Append(state switch
        {
            "disabled" => "Disabled",
            "failing" => "Failing",
            _ => "OK",
        }).Append("</span></h3><dl class=\"health\">");
        Row(html, "Last check").Time(feed.LastAttempt);
        Row(html, "Next check");
        if (feed.Enabled)
        {
            html.Time(feed.NextCheckAt);
        }
        else
        {
            html.Append("none: ").Text(feed.DisabledReason ?? "disabled");
        }

        Row(html, "Failures in a row").Append(PageHtml.Format(feed.ConsecutiveFailures));
        Row(html, "New items").Append(PageHtml.Format(feed.ItemsNew)).Append(" at the last fetch, ").Append(PageHtml.Format(feed.ItemsSeen)).Append(" in the feed");
        if (feed.IntervalMinutes is { } interval and > 0)
        {
            // The scheduler's interval follows how often the feed posts (clamped to the configured bounds): a rate, roughly.
            Row(html, "Checked every").Append(PageHtml.Format(interval)).Append(" min, by how often it posts");
        }

        if (feed.LastError is { } error)
        {
            Row(html, "Last error").Text(error);
        }

        html.Append("</dd></dl></li>");
    }

    private static StringBuilder Row(StringBuilder html, string label)
    {
        if (html[^1] != '>' || !EndsWith(html, "<dl class=\"health\">"))
        {
            html.Append("</dd>");
        }

        return html.Append("<dt>").Text(label).Append("</dt><dd>");
    }

    private static bool EndsWith(StringBuilder html, string text) =>
        html.Length >= text.Length && html.ToString(html.Length - text.Length, text.Length) == text;
}
