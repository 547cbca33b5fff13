using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Model.Articles;

/// <summary>
/// The one home of the article blobs' naming scheme: <c>{source}/{yyyy}/{MM}/{dd}/{id}.md</c>, browsable by outlet and
/// day, unique by article id, and <c>{source}/undated/{id}.md</c>. What writes a name and what reads one back (the
/// parser, reconciliation, reindexing) use the same rules.
/// </summary>
public static partial class ArticleBlobName
{
    /// <summary><c>{source}/{yyyy}/{MM}/{dd}/{id}.md</c>, filed under the UTC day of <paramref name="published"/>.</summary>
    public static string For(string source, DateTimeOffset published, string id) =>
        $"{source}/{published.UtcDateTime:yyyy}/{published.UtcDateTime:MM}/{published.UtcDateTime:dd}/{id}.md";

    /// <summary>
    /// <c>{source}/undated/{id}.md</c>, for an article whose feed gives no readable date: a name from the fetch day would
    /// change every day the item stays in the feed, and the conditional create would then write it again each day.
    /// </summary>
    public static string Undated(string source, string id) => $"{source}/undated/{id}.md";

    /// <summary>The prefix of the blobs a source filed under one day: <c>{source}/{yyyy}/{MM}/{dd}/</c>.</summary>
    public static string DayPrefix(string source, DateOnly day) => $"{source}/{day:yyyy}/{day:MM}/{day:dd}/";

    /// <summary>The prefix of a source's undated articles (<see cref="Undated"/>).</summary>
    public static string UndatedPrefix(string source) => $"{source}/undated/";

    /// <summary>The day a blob is filed under (<c>{source}/{yyyy}/{MM}/{dd}/…</c>), or null for other names.</summary>
    public static DateOnly? FiledOn(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var match = BlobDay().Match(blobName);
        return match.Success && DateOnly.TryParseExact(match.Groups[1].Value, "yyyy/MM/dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : null;
    }

    /// <summary>
    /// The article id a blob name ends with (<c>{source}/…/{40 hex}.md</c>, or <c>.html</c> for an imported page), or null
    /// for other names. The fetcher names a blob by the article's id, which is not always the hash of its link (items
    /// that share a link are told apart by content, items without a link have none): the name keeps row and blob one-to-one.
    /// </summary>
    public static string? IdOf(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        return BlobId().Match(blobName) is { Success: true } match ? match.Groups[1].Value : null;
    }

    /// <summary>The source a blob is filed under: its name's first segment, or null for a name without one.</summary>
    public static string? SourceOf(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? blobName[..slash] : null;
    }

    [GeneratedRegex(@"^[^/]+/(\d{4}/\d{2}/\d{2})/")]
    private static partial Regex BlobDay();

    [GeneratedRegex(@"/([0-9a-f]{40})\.(?:md|html)$")]
    private static partial Regex BlobId();
}
