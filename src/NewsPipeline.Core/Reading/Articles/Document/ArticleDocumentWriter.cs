using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Reading.Articles.Document;

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
    /// <summary>
    /// The earliest time the comment line can hold: it is 11 to 13 digits of milliseconds (readers take 10 digits or
    /// fewer as seconds), so an earlier date — a feed's "1900" — is written in the visible header only.
    /// </summary>
    public static readonly DateTimeOffset EarliestStamp = DateTimeOffset.FromUnixTimeMilliseconds(10_000_000_000);

    public static string Write(DateTimeOffset published, string title, string url, string html) =>
        Write(published, title, url, html, new DocumentExtras());

    /// <summary>
    /// Writes a document with what the feed said beside the item HTML, where the archivers of this format put it: the
    /// byline in the header line as <c>author&lt;br&gt;date</c>, the lead image with its caption in
    /// <c>&lt;div&gt;&lt;small&gt;</c> right after it, and plain text as paragraphs.
    /// </summary>
    public static string Write(DateTimeOffset published, string title, string url, string html, DocumentExtras extras)
    {
        ArgumentNullException.ThrowIfNull(extras);
        var body = Paragraphs(OneLine(html.Trim()));
        if (!StartsWithDateHeader(body))
        {
            // Readers of the archive expect a visible date first; feeds rarely include one in the item HTML.
            body = Header(published, extras.Author) + LeadImage(extras.ImageUrl, extras.ImageCaption, body) + body;
        }

        var stamp = extras.Stamp ?? published;
        if (stamp < EarliestStamp)
        {
            throw new ArgumentOutOfRangeException(nameof(extras), stamp, $"The comment line cannot hold a time before {EarliestStamp:u}; pass a later Stamp (the fetch time).");
        }

        var text = new StringBuilder(body.Length + title.Length + url.Length + 64);
        text.Append("<!--").Append(stamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append("-->\n");
        text.Append('[').Append(OneLine(title).Trim()).Append("](").Append(EscapeLinkTarget(url)).Append(")\n");
        text.Append("------\n\n");
        text.Append(body).Append('\n');
        return text.ToString();
    }

    public static string Write(ArticleDocument document) =>
        Write(document.FeedPublished ?? DateTimeOffset.UnixEpoch, document.Title, document.Url, document.Html);

    private static string Header(DateTimeOffset published, string? author)
    {
        var date = published.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        var byline = author is null ? null : OneLine(author).Trim();
        return byline is { Length: > 0 }
            ? $"<div><i>{WebUtility.HtmlEncode(byline)}<br>{date}</i></div>"
            : $"<div><i>{date}</i></div>";
    }

    // The item HTML often carries the same picture already: then it stays where the outlet put it.
    private static string LeadImage(string? url, string? caption, string body)
    {
        if (url is null || body.Contains(url, StringComparison.Ordinal) || body.Contains(WebUtility.HtmlEncode(url), StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var image = $"<img src=\"{WebUtility.HtmlEncode(url)}\" width=\"100%\">";
        var text = caption is null ? null : OneLine(caption).Trim();
        return text is { Length: > 0 } ? image + $"<div><small style=\"color: #999;\">{WebUtility.HtmlEncode(text)}</small></div>" : image;
    }

    // A plain-text description (no markup at all) is one paragraph, so the parser finds its summary and paragraphs.
    // It is text the feed already decoded once: an '&' in it stays as the HTML parser reads a bare '&', literally.
    private static string Paragraphs(string body) =>
        body.Length == 0 || Markup().IsMatch(body) ? body : "<p>" + body.Replace("<", "&lt;", StringComparison.Ordinal) + "</p>";

    private static bool StartsWithDateHeader(string html) => html.StartsWith("<div><i>", StringComparison.OrdinalIgnoreCase);

    // Markdown link targets end at the first unbalanced ')' or whitespace; percent-encode those so the link reads back whole.
    private static string EscapeLinkTarget(string url) =>
        url.Trim().Replace(" ", "%20", StringComparison.Ordinal)
            .Replace("(", "%28", StringComparison.Ordinal)
            .Replace(")", "%29", StringComparison.Ordinal);

    private static string OneLine(string text) => LineBreaks().Replace(text, " ");

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"<(?:[a-zA-Z][a-zA-Z0-9-]*|/[a-zA-Z]|!--)")]
    private static partial Regex Markup();
}

/// <summary>What a feed says about an item besides its HTML, for <see cref="ArticleDocumentWriter"/>.</summary>
public sealed record DocumentExtras
{
    public string? Author { get; init; }
    public string? ImageUrl { get; init; }
    public string? ImageCaption { get; init; }

    /// <summary>The comment line's time when it differs from the visible date (a date the comment line cannot hold).</summary>
    public DateTimeOffset? Stamp { get; init; }
}
