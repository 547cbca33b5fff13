using System.Globalization;
using System.Text;
using System.Xml;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Web.Api.Formats;

namespace NewsPipeline.Core.Web.GoogleReader;

/// <summary>
/// Google Reader's Atom output (<c>reader/atom/{stream}</c>), which newsboat's FeedHQ mode reads: entry ids in the long
/// form (what newsboat sends back to <c>edit-tag</c>), the state as <c>&lt;category scheme="http://www.google.com/reader/"
/// label="read"/&gt;</c> (and <c>starred</c>), the continuation as <c>gr:continuation</c>.
/// </summary>
internal static class ReaderAtom
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string Gr = "http://www.google.com/schemas/reader/atom/";
    private const string ReaderScheme = "http://www.google.com/reader/";

    public static byte[] Write(string streamId, string title, IReadOnlyList<ReaderItem> items, string? continuation, long userId, DateTimeOffset now)
    {
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xmlns", "gr", null, Gr);
            xml.WriteElementString("id", Atom, "tag:google.com,2005:reader/" + streamId);
            xml.WriteElementString("title", Atom, RssWriter.XmlSafe(title));
            xml.WriteElementString("updated", Atom, Time(now));
            if (continuation is not null)
            {
                xml.WriteElementString("continuation", Gr, continuation);
            }

            var user = userId.ToString(CultureInfo.InvariantCulture);
            foreach (var item in items)
            {
                WriteEntry(xml, item, user);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return output.ToArray();
    }

    private static void WriteEntry(XmlWriter xml, ReaderItem item, string user)
    {
        var a = item.Article;
        xml.WriteStartElement("entry", Atom);
        xml.WriteAttributeString("crawl-timestamp-msec", Gr, item.Crawled.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        xml.WriteStartElement("id", Atom);
        xml.WriteAttributeString("original-id", Gr, RssWriter.XmlSafe(a.Url));
        xml.WriteString(ReaderItemId.LongForm(item.Id));
        xml.WriteEndElement();
        foreach (var category in ReaderItems.Categories(item))
        {
            xml.WriteStartElement("category", Atom);
            // Google Reader wrote the user's number where the API accepts "-".
            xml.WriteAttributeString("term", RssWriter.XmlSafe(category.StartsWith("user/-/", StringComparison.Ordinal) ? "user/" + user + category[6..] : category));
            xml.WriteAttributeString("scheme", ReaderScheme);
            xml.WriteAttributeString("label", RssWriter.XmlSafe(category[(category.LastIndexOf('/') + 1)..]));
            xml.WriteEndElement();
        }

        xml.WriteStartElement("title", Atom);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(RssWriter.XmlSafe(a.Title));
        xml.WriteEndElement();
        xml.WriteElementString("published", Atom, Time(a.Published));
        xml.WriteElementString("updated", Atom, Time(a.Published));
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", "alternate");
        xml.WriteAttributeString("href", RssWriter.XmlSafe(a.Url));
        xml.WriteAttributeString("type", "text/html");
        xml.WriteEndElement();
        xml.WriteStartElement("content", Atom);
        xml.WriteAttributeString("type", "html");
        xml.WriteAttributeString("xml", "lang", null, a.Language);
        xml.WriteString(RssWriter.XmlSafe(item.Html));
        xml.WriteEndElement();
        if (a.Author is { Length: > 0 } author)
        {
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, RssWriter.XmlSafe(author));
            xml.WriteEndElement();
        }

        xml.WriteStartElement("source", Atom);
        xml.WriteAttributeString("stream-id", Gr, StreamId.FeedId(a.Source));
        xml.WriteElementString("id", Atom, "tag:google.com,2005:reader/" + StreamId.FeedId(a.Source));
        xml.WriteElementString("title", Atom, RssWriter.XmlSafe(item.Subscription?.Title ?? a.Source));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
