using System.Globalization;

namespace NewsPipeline.Core.Model.Articles;

/// <summary>
/// What a feed said about an article that the document format has no place for, kept as the blob's metadata (written
/// with the blob in the same request, read back with its content in the same request) so that a re-parse recovers it:
/// whether the date is the fetch time rather than the feed's, the date the feed gave when it was refused, the feed's
/// declared language, and its categories. Metadata values are ASCII HTTP headers, so text is percent-encoded.
/// </summary>
public sealed partial record ArticleBlobMetadata
{
    public const string DateOriginKey = "dateorigin";
    public const string FetchTimeOrigin = "fetchtime";
    public const string UnreadDateKey = "unreaddate";
    public const string RefusedDateKey = "refuseddate";
    public const string LanguageKey = "language";
    public const string CategoriesKey = "categories";
    public const string WrittenAtKey = "writtenat";

    /// <summary>Blob metadata holds 8 KiB in all; categories get at most half of it.</summary>
    private const int MaxCategoriesLength = 4096;

    public static readonly ArticleBlobMetadata None = new();

    /// <summary>The document's date is the time it was fetched: the feed gave none, an unreadable one, or one refused.</summary>
    public bool DateIsFetchTime { get; init; }

    /// <summary>The date the feed gave when it was not believed (more than the tolerance in the future).</summary>
    public DateTimeOffset? RefusedDate { get; init; }

    /// <summary>The item's or feed's declared language tag, as the feed wrote it (<c>en</c>, <c>en-gb</c>, <c>zh-Hant</c>).</summary>
    public string? Language { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>When the fetch stage wrote the blob: the start of the index lag (blob written → row queryable).</summary>
    public DateTimeOffset? WrittenAt { get; init; }

    /// <summary>The metadata to store with a fetched article.</summary>
    public static Dictionary<string, string> For(bool dateIsFetchTime, string? unreadDate, DateTimeOffset? refusedDate, string? language, IReadOnlyList<string> categories,
        DateTimeOffset? writtenAt = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (writtenAt is { } written)
        {
            metadata[WrittenAtKey] = written.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }

        if (dateIsFetchTime)
        {
            metadata[DateOriginKey] = FetchTimeOrigin;
            metadata[UnreadDateKey] = Uri.EscapeDataString(unreadDate ?? string.Empty);
        }

        if (refusedDate is { } refused)
        {
            metadata[RefusedDateKey] = refused.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }

        if (LanguageTag(language) is { } tag)
        {
            metadata[LanguageKey] = tag;
        }

        var encoded = new List<string>(categories.Count);
        var length = 0;
        foreach (var category in categories)
        {
            var value = Uri.EscapeDataString(category);
            length += value.Length + 1;
            if (length > MaxCategoriesLength)
            {
                break;
            }

            encoded.Add(value);
        }

        if (encoded.Count > 0)
        {
            metadata[CategoriesKey] = string.Join(',', encoded);
        }

        return metadata;
    }

    /// <summary>Reads what <see cref="For"/> wrote; names are matched without case (storage does not keep it everywhere).</summary>
    public static ArticleBlobMetadata Read(IEnumerable<KeyValuePair<string, string>>? metadata)
    {
        if (metadata is null)
        {
            return None;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in metadata)
        {
            values[key] = value;
        }

        if (values.Count == 0)
        {
            return None;
        }

        return new ArticleBlobMetadata
        {
            DateIsFetchTime = string.Equals(values.GetValueOrDefault(DateOriginKey), FetchTimeOrigin, StringComparison.OrdinalIgnoreCase),
            RefusedDate = DateTimeOffset.TryParse(values.GetValueOrDefault(RefusedDateKey), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var refused)
                ? refused
                : null,
            WrittenAt = DateTimeOffset.TryParse(values.GetValueOrDefault(WrittenAtKey), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var written)
                ? written
                : null,
            Language = LanguageTag(values.GetValueOrDefault(LanguageKey)),
            Categories = values.GetValueOrDefault(CategoriesKey) is { Length: > 0 } joined
                ? joined.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).Where(c => c.Length > 0).ToList()
                : [],
        };
    }

    // A BCP 47 tag starts with a two- or three-letter language; anything else a feed puts there ("English", "en us") is not one.
    private static string? LanguageTag(string? language)
    {
        var tag = language?.Trim().Replace('_', '-');
        return tag is { Length: <= 35 } && LanguageTagShape().IsMatch(tag) ? tag : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")]
    private static partial System.Text.RegularExpressions.Regex LanguageTagShape();

    private static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value).Trim();
        }
        catch (UriFormatException)
        {
            return string.Empty;
        }
    }
}
