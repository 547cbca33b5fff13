using System.Net;
using System.Text.RegularExpressions;
using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Services.Stories;

/// <summary>
/// What clustering reads of a parsed article: its title and the start of its text (the body as the parser sanitized
/// it, or the summary when the row has no body). Reports of one event differ in wording; the first few hundred
/// characters are where they name the same actor, place and numbers.
/// </summary>
public static partial class StoryInput
{
    // Enough HTML to hold the lead paragraphs after the lead image and its caption.
    private const int MaxHtmlRead = 20_000;

    public static StoryArticle From(ArticleMetadata article, DateTimeOffset indexedAt, int leadChars)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new StoryArticle(article.Id, article.Source, article.Title, Lead(article, leadChars), article.Url, article.Published, indexedAt);
    }

    private static string? Lead(ArticleMetadata article, int leadChars)
    {
        if (article.ContentHtml is not { Length: > 0 } html)
        {
            return article.Summary;
        }

        var text = WebUtility.HtmlDecode(Tag().Replace(html.Length > MaxHtmlRead ? html[..MaxHtmlRead] : html, " "));
        text = Space().Replace(text, " ").Trim();
        return text.Length > leadChars ? text[..leadChars] : text;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
