using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>
/// One page of the timeline: newest first, optionally for some sources, a time window and a language, starting
/// after <see cref="After"/>. Values are already validated; they only ever reach a filter as parameters.
/// </summary>
/// <param name="Sources">Source names; empty means every source (the <c>all-</c> partitions).</param>
/// <param name="Since">Inclusive lower bound of <c>Published</c>.</param>
/// <param name="Until">Exclusive upper bound of <c>Published</c>.</param>
/// <param name="After">Where the previous page ended; the page holds only older items.</param>
/// <param name="WithContentHtml">Read the sanitized HTML column too (the feed formats); JSON pages leave it out.</param>
public sealed record TimelineQuery(
    int Limit,
    IReadOnlyList<string> Sources,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? Language = null,
    TimelinePosition? After = null,
    bool WithContentHtml = false);

/// <summary>A place in the timeline: the month bucket and the RowKey (inverted ticks + id) of the last item served.</summary>
public sealed record TimelinePosition(string Bucket, string RowKey);

/// <summary>An article as it sits in the timeline, with the time its row was last written.</summary>
public sealed record TimelineEntry(ArticleMetadata Article, TimelinePosition Position, DateTimeOffset? Written);

/// <summary>A page of the timeline; <see cref="Next"/> is null when nothing older matches.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Items, TimelinePosition? Next);

/// <summary>An article read by id, with the time its row was last written.</summary>
public sealed record IndexedArticle(ArticleMetadata Article, DateTimeOffset? Written);
