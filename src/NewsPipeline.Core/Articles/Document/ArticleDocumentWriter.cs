using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Articles.Document;

/// <summary>
/// Writes the archived-article format:
/// <code>
/// &lt;!--{unix ms}--&gt;
/// [{title}]({url})
/// ------
///
/// {html on one line}
/// </code>
/// </summary>
public static partial class ArticleDocumentWriter
{
    public static string Write(DateTimeOffset published, string title, string url, string html)
    {
        var body = OneLine(html.Trim());
        if (!StartsWithDateHeader(body))
        {
            // Readers of the archive expect a visible date first; feeds rarely include one in the item HTML.
            body = $"<div><i>{published.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)}</i></div>{body}";
        }

        var text = new StringBuilder(body.Length + title.Length + url.Length + 64);
        text.Append("<!--").Append(published.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append("-->\n");
        text.Append('[').Append(OneLine(title).Trim()).Append("](").Append(EscapeLinkTarget(url)).Append(")\n");
        text.Append("------\n\n");
        text.Append(body).Append('\n');
        return text.ToString();
    }

    public static string Write(ArticleDocument document) =>
        Write(document.FeedPublished ?? DateTimeOffset.UnixEpoch, document.Title, document.Url, document.Html);

    private static bool StartsWithDateHeader(string html) => html.StartsWith("<div><i>", StringComparison.OrdinalIgnoreCase);

    // Markdown link targets end at the first unbalanced ')' or whitespace; percent-encode those so the link reads back whole.
    private static string EscapeLinkTarget(string url) =>
        url.Trim().Replace(" ", "%20", StringComparison.Ordinal)
            .Replace("(", "%28", StringComparison.Ordinal)
            .Replace(")", "%29", StringComparison.Ordinal);

    private static string OneLine(string text) => LineBreaks().Replace(text, " ");

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex LineBreaks();
}
