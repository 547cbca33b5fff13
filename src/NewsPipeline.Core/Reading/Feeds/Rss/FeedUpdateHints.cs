using System.Globalization;

namespace NewsPipeline.Core.Reading.Feeds.Rss;

/// <summary>What an RSS channel says about how often to ask it: <c>&lt;ttl&gt;</c> (minutes) or the syndication module.</summary>
internal static class FeedUpdateHints
{
    // A hint beyond a week is a typo or a placeholder; the scheduler's own maximum caps it anyway.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    /// <param name="ttl">The channel's <c>ttl</c>, trimmed (null when absent or empty).</param>
    /// <param name="updatePeriod">Its <c>sy:updatePeriod</c>, likewise.</param>
    /// <param name="updateFrequency">Its <c>sy:updateFrequency</c>, likewise.</param>
    public static TimeSpan? Read(string? ttl, string? updatePeriod, string? updateFrequency)
    {
        TimeSpan? fromTtl = int.TryParse(ttl, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(Math.Min(minutes, Longest.TotalMinutes))
            : null;
        var period = updatePeriod?.Trim().ToLowerInvariant() switch
        {
            "hourly" => TimeSpan.FromHours(1),
            "daily" => TimeSpan.FromDays(1),
            "weekly" => TimeSpan.FromDays(7),
            "monthly" => TimeSpan.FromDays(30),
            "yearly" => TimeSpan.FromDays(365),
            _ => (TimeSpan?)null,
        };
        TimeSpan? syndication = null;
        if (period is { } length)
        {
            // sy:updateFrequency is "times per period", 1 when absent.
            var frequency = int.TryParse(updateFrequency, NumberStyles.None, CultureInfo.InvariantCulture, out var times) && times > 0 ? times : 1;
            syndication = length / frequency;
        }

        var longest = fromTtl > syndication || syndication is null ? fromTtl : syndication;
        return longest > Longest ? Longest : longest;
    }
}
