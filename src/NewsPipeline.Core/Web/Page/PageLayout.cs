using System.Text;

namespace NewsPipeline.Core.Web.Page;

/// <summary>Which view a page is, for the navigation's <c>aria-current</c>.</summary>
internal enum PageSection
{
    Latest,
    Unread,
    Starred,
    Feeds,
    Other,
}

/// <summary>
/// The document around every view: head (the nonce'd stylesheet and script, nothing inline), skip link, navigation,
/// theme toggle, the key list (a <c>details</c> element: readable with JavaScript off, opened by <c>?</c>), and a live
/// region the script speaks through.
/// </summary>
internal static class PageLayout
{
    public static StringBuilder Open(PageContext page, string title, PageSection section)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">")
            .Append("<title>").Text(title).Append(" · NewsPipeline</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Attr(page.Link(page.Assets.StylesPath)).Append("\" nonce=\"").Append(page.Nonce).Append("\">")
            .Append("<script src=\"").Attr(page.Link(page.Assets.ScriptPath)).Append("\" nonce=\"").Append(page.Nonce).Append("\" defer></script>")
            .Append("</head><body>")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header class=\"bar\"><nav aria-label=\"Views\"><ul>");
        if (page.User is not null)
        {
            NavLink(html, page, "/" + PageRoutes.Unread, "Unread", "u", section == PageSection.Unread);
            NavLink(html, page, "/" + PageRoutes.Starred, "Starred", "s", section == PageSection.Starred);
            NavLink(html, page, "/", "Latest", null, section == PageSection.Latest);
        }
        else
        {
            NavLink(html, page, "/", "Latest", "u", section == PageSection.Latest);
        }

        NavLink(html, page, "/" + PageRoutes.Feeds, "Feeds", "f", section == PageSection.Feeds);
        html.Append("</ul></nav><div class=\"who\">")
            .Append("<button type=\"button\" class=\"theme\" id=\"theme\" hidden>Dark theme</button>");
        if (page.User is { } user)
        {
            html.Append("<form method=\"post\" action=\"").Attr(page.Link("/" + PageRoutes.Logout)).Append("\">");
            PageMarks.Hidden(html, "_csrf", user.FormToken);
            html.Append("<button type=\"submit\" class=\"signout\">Sign out <span class=\"name\">").Text(user.Account).Append("</span></button></form>");
        }
        else
        {
            html.Append("<a class=\"signin\" href=\"").Attr(page.Link("/" + PageRoutes.Login)).Append("\">Sign in</a>");
        }

        html.Append("</div></header><main id=\"main\" tabindex=\"-1\">");
        return html;
    }

    public static string Close(StringBuilder html, PageContext page)
    {
        html.Append("</main><footer><details id=\"keys\"><summary>Keyboard shortcuts</summary><dl class=\"keys\">");
        foreach (var (keys, what) in Keys)
        {
            html.Append("<div><dt>");
            foreach (var key in keys.Split(' '))
            {
                html.Append("<kbd>").Text(key).Append("</kbd> ");
            }

            html.Append("</dt><dd>").Text(what).Append("</dd></div>");
        }

        html.Append("</dl></details>")
            .Append("<p class=\"about\">NewsPipeline · <a href=\"").Attr(page.Link("/api/items")).Append("\">API</a></p>")
            .Append("<p class=\"status\" id=\"status\" role=\"status\" aria-live=\"polite\"></p></footer></body></html>\n");
        return html.ToString();
    }

    // As Miniflux's users know them.
    private static readonly (string Keys, string What)[] Keys =
    [
        ("j", "next item"),
        ("k", "previous item"),
        ("o Enter", "open the item"),
        ("v", "open the original article"),
        ("m", "mark read or unread (signed in)"),
        ("s", "star or unstar (signed in)"),
        ("g u", "go to unread (signed in), else the latest"),
        ("g s", "go to starred (signed in)"),
        ("g f", "go to the feeds"),
        ("?", "show this list"),
    ];

    private static void NavLink(StringBuilder html, PageContext page, string path, string label, string? key, bool current)
    {
        html.Append("<li><a href=\"").Attr(page.Link(path)).Append('"');
        if (key is not null)
        {
            html.Append(" data-go=\"").Append(key).Append('"');
        }

        if (current)
        {
            html.Append(" aria-current=\"page\"");
        }

        html.Append('>').Text(label).Append("</a></li>");
    }
}
