using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Core.Model.Articles;

/// <summary>Where an article's <see cref="ArticleMetadata.Published"/> date came from.</summary>
public enum PublishedOrigin
{
    /// <summary>The visible date in the article (the header line of an archived article, or a page's <c>&lt;time datetime&gt;</c>).</summary>
    Header,

    /// <summary>The feed's timestamp in the document's comment line.</summary>
    Comment,

    /// <summary>A page's meta tags (<c>article:published_time</c>…) or a document's YAML front matter.</summary>
    Meta,

    /// <summary>Nothing better was found: the time the article was parsed.</summary>
    Fallback,

    /// <summary>A page's JSON-LD <c>NewsArticle</c>/<c>Article</c> <c>datePublished</c>.</summary>
    JsonLd,

    /// <summary>
    /// The time the fetcher read the item: its feed gave no date, an unreadable one, or one too far in the future
    /// (blob metadata <c>dateorigin=fetchtime</c>).
    /// </summary>
    Fetched,
}

/// <summary>What the parse stage extracts from one article document.</summary>
public sealed record ArticleMetadata
{
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required string Title { get; init; }
    public required string Source { get; init; }
    public string? Site { get; init; }
    public DateTimeOffset? FeedPublished { get; init; }
    public required DateTimeOffset Published { get; init; }
    public required PublishedOrigin PublishedOrigin { get; init; }
    public string? Author { get; init; }
    public string? Image { get; init; }
    public string? ImageOriginal { get; init; }
    public string? Caption { get; init; }
    public string? Summary { get; init; }
    public required string Language { get; init; }
    public int Paragraphs { get; init; }
    public int Characters { get; init; }
    public int Words { get; init; }
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>The feed's categories (RSS/Atom <c>category</c>, JSON Feed <c>tags</c>), from the blob's metadata.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
    public required string ContentHash { get; init; }

    /// <summary>
    /// The article's HTML as feed readers may show it (JSON Feed <c>content_html</c>, RSS <c>description</c>): sanitized
    /// once, when the article is parsed, with relative links resolved against <see cref="Url"/>. Null when it is longer
    /// than a row holds (<see cref="ArticleHtml.MaxStoredLength"/>: the feed formats read such an article from its blob),
    /// when the parser was told not to produce it, or in rows written before parser version 4.
    /// </summary>
    public string? ContentHtml { get; init; }
    public string? BlobName { get; init; }
    public required int ParserVersion { get; init; }

    /// <summary>
    /// The story the article was given when it was first indexed (its own id when it was the first report of its
    /// event): set by the parse stage after clustering, null for rows written before stories or by a bulk import.
    /// A story merged later answers to the earlier story's id; the API resolves that when it serves. Not parse output:
    /// left out of the parser's JSON (<c>newsfeed parse --json</c>) while it is unset.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Story { get; init; }
}
