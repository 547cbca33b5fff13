using System.Globalization;
using System.Text;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>Generated feeds of any size for load and reliability tests: distinct links, dates an hour apart.</summary>
internal static class SyntheticFeeds
{
    public static string Rss(int feed, int items, int firstItem = 0)
    {
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title><link>https://feed{feed}.example/</link>");
        for (var i = firstItem; i < firstItem + items; i++)
        {
            xml.Append(CultureInfo.InvariantCulture,
                $"<item><title>Story {feed}-{i}</title><link>https://feed{feed}.example/story/{i}</link><pubDate>{new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i).AddMinutes(feed):R}</pubDate><description><![CDATA[<p>Paragraph one of story {i} from feed {feed}, long enough to summarise.</p><p>Second paragraph.</p>]]></description></item>");
        }

        return xml.Append("</channel></rss>").ToString();
    }
}
