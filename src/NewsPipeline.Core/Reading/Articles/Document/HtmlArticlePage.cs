using NewsPipeline.Core.Reading.Dates;

namespace NewsPipeline.Core.Reading.Articles.Document;

/// <summary>Where a page's publication date was read.</summary>
public enum PageDateSource
{
    /// <summary><c>article:published_time</c> and its look-alikes.</summary>
    Meta,

    /// <summary>JSON-LD <c>datePublished</c>.</summary>
    JsonLd,

    /// <summary>The first <c>&lt;time datetime&gt;</c> in the article.</summary>
    Time,
}

/// <summary>A full HTML article page: what its head (meta tags, JSON-LD) says, and the article's own markup.</summary>
public sealed record HtmlArticlePage
{
    public required string Title { get; init; }
    public required string Url { get; init; }
    public ParsedDate? Published { get; init; }
    public PageDateSource? PublishedSource { get; init; }
    public string? Author { get; init; }
    public string? Image { get; init; }
    public string? Description { get; init; }

    /// <summary>The <c>&lt;html lang&gt;</c> attribute: a hint when the text alone cannot tell the language.</summary>
    public string? DeclaredLanguage { get; init; }

    /// <summary>The element holding the article: <c>&lt;article&gt;</c>, else <c>&lt;main&gt;</c>, else <c>&lt;body&gt;</c>.</summary>
    public required HtmlAgilityPack.HtmlNode Body { get; init; }

    /// <summary>The article markup, which the content hash is taken of.</summary>
    public required string BodyHtml { get; init; }
}
