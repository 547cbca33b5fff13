using System.Globalization;
using System.Xml.Linq;

namespace NewsPipeline.Core.Feeds.Rss;

/// <summary>What an RSS channel says about how often to ask it: <c>&lt;ttl&gt;</c> (minutes) or the syndication module.</summary>
internal static class FeedUpdateHints
{
    // A hint beyond a week is a typo or a placeholder; the scheduler's own maximum caps it anyway.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public static TimeSpan? Read(XElement? channel)
    {
        if (channel is null)
        {
            return null;
        }

        TimeSpan? ttl = int.TryParse(channel.ChildText("ttl"), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(Math.Min(minutes, Longest.TotalMinutes))
            : null;
        var period = channel.ChildText(XmlFeedExtensions.Syndication + "updatePeriod")?.Trim().ToLowerInvariant() switch
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
            var frequency = int.TryParse(channel.ChildText(XmlFeedExtensions.Syndication + "updateFrequency"), NumberStyles.None, CultureInfo.InvariantCulture, out var times) && times > 0 ? times : 1;
            syndication = length / frequency;
        }

        var longest = ttl > syndication || syndication is null ? ttl : syndication;
        return longest > Longest ? Longest : longest;
    }
}
