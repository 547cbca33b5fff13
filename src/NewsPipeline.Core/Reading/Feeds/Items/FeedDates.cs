using NewsPipeline.Core.Reading.Dates;

namespace NewsPipeline.Core.Reading.Feeds.Items;

internal static class FeedDates
{
    /// <summary>Reads the first date candidate that parses; keeps the raw text of an unreadable one.</summary>
    /// <param name="language">The feed's language, which decides ambiguous zone abbreviations (CST in a Chinese feed is UTC+8).</param>
    public static (DateTimeOffset? Value, string? Unread) Read(string? language, params string?[] candidates)
    {
        string? unread = null;
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            if (LenientDateParser.TryParse(candidate, language, out var date))
            {
                return (date.Value, null);
            }

            unread ??= candidate;
        }

        return (null, unread);
    }
}
