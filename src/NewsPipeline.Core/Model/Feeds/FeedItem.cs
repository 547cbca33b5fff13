namespace NewsPipeline.Core.Model.Feeds;

/// <summary>One entry of a feed, whatever its format, in the shape the fetch stage needs.</summary>
public sealed record FeedItem
{
    /// <summary>The RSS guid, Atom id or JSON Feed id.</summary>
    public string? EntryId { get; init; }

    /// <summary>True when the entry id is itself the article's address (RSS <c>isPermaLink</c>, the default for RSS 2.0 guids).</summary>
    public bool EntryIdIsPermaLink { get; init; }

    public string? Link { get; init; }
    public string Title { get; init; } = string.Empty;

    /// <summary>The richest HTML the item carries: content:encoded / Atom content, else the description or summary.</summary>
    public string ContentHtml { get; init; } = string.Empty;

    /// <summary>The item's date as written in the feed, null when missing or unreadable.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>The raw date text when it could not be read, so a fallback can say what it replaced.</summary>
    public string? UnreadDate { get; init; }

    public string? Author { get; init; }

    /// <summary>The lead image the feed names beside the item HTML (Media RSS, an image enclosure, JSON Feed <c>image</c>).</summary>
    public FeedImage? Image { get; init; }

    /// <summary>The item's own language tag (Atom <c>xml:lang</c>, JSON Feed item <c>language</c>), when it has one.</summary>
    public string? Language { get; init; }

    /// <summary>RSS/Atom categories and JSON Feed tags, as the feed writes them.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
}

/// <summary>An image a feed attaches to an item, with the caption or credit the feed gives it.</summary>
public sealed record FeedImage(string Url, string? Caption);

/// <summary>A feed as read from one response.</summary>
public sealed record ParsedFeed(string Format, string? Title, string? Link, IReadOnlyList<FeedItem> Items)
{
    /// <summary>The language the feed declares for all its items (RSS <c>language</c>, Atom <c>xml:lang</c>, JSON Feed <c>language</c>).</summary>
    public string? Language { get; init; }

    /// <summary>
    /// How often the feed says it changes (RSS <c>ttl</c>, or <c>sy:updatePeriod</c>/<c>sy:updateFrequency</c>): the
    /// scheduler asks no more often than this, within its bounds.
    /// </summary>
    public TimeSpan? UpdateInterval { get; init; }
}
