using Ganss.Xss;

namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>The article HTML that feed readers are given: sanitized, with relative links and images made absolute.</summary>
public static class ArticleHtml
{
    // Default HtmlSanitizer policy: no script, style, event handlers, javascript: URLs or iframes; links and images keep
    // http(s) URLs. One instance serves every caller: Sanitize does not change its configuration.
    private static readonly HtmlSanitizer Sanitizer = new();

    /// <summary>
    /// Input longer than this is not sanitized at parse time: its result would not fit the 64 KiB row property anyway
    /// (the feed formats read such an article from its blob), and sanitizing megabytes builds a DOM of gigabytes.
    /// </summary>
    public const int MaxStoredInputLength = 128_000;

    /// <summary>The sanitized HTML to store with the article, or null when the input is too long to store.</summary>
    public static string? SanitizeForStorage(string html, string articleUrl) =>
        html.Length <= MaxStoredInputLength ? Sanitize(html, articleUrl) : null;

    /// <param name="articleUrl">The article's address: a feed reader shows the HTML out of its page, where "/photo.jpg" means nothing.</param>
    public static string Sanitize(string html, string articleUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Sanitizer.Sanitize(html, Uri.TryCreate(articleUrl, UriKind.Absolute, out _) ? articleUrl : string.Empty);
    }
}
