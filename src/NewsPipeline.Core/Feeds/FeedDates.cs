using NewsPipeline.Core.Dates;

namespace NewsPipeline.Core.Feeds;

internal static class FeedDates
{
    /// <summary>Reads the first date candidate that parses; keeps the raw text of an unreadable one.</summary>
    public static (DateTimeOffset? Value, string? Unread) Read(params string?[] candidates)
    {
        string? unread = null;
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            if (LenientDateParser.TryParse(candidate, out var date))
            {
                return (date.Value, null);
            }

            unread ??= candidate;
        }

        return (null, unread);
    }
}
