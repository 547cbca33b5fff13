using System.Globalization;
using System.Text;
using System.Xml;

namespace NewsPipeline.Core.Web.Api.Formats;

/// <summary>
/// RSS 2.0 that any feed reader subscribes to. The guid is the article id (not a permalink), so a reader keeps
/// one entry per article however often it polls; <c>atom:link rel="next"</c> pages through the archive (RFC 5005).
/// </summary>
internal static class RssWriter
{
    public const string ContentType = "application/rss+xml; charset=utf-8";
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    public static byte[] Write(FeedPage page, DateTimeOffset? lastBuild)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, Async = false };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            xml.WriteAttributeString("xmlns", "dc", null, DublinCoreNamespace);
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", page.Title);
            xml.WriteElementString("link", page.FeedUrl);
            xml.WriteElementString("description", "The newest articles collected by NewsPipeline, newest first.");
            if (lastBuild is { } built)
            {
                xml.WriteElementString("lastBuildDate", Rfc1123(built));
            }

            xml.WriteElementString("generator", "NewsPipeline");
            AtomLink(xml, "self", page.FeedUrl);
            if (page.NextUrl is not null)
            {
                AtomLink(xml, "next", page.NextUrl);
            }

            foreach (var article in page.Items)
            {
                xml.WriteStartElement("item");
                xml.WriteElementString("title", XmlSafe(article.Title));
                xml.WriteElementString("link", XmlSafe(article.Url));
                xml.WriteElementString("description", XmlSafe(page.Html.GetValueOrDefault(article.Id, string.Empty)));
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "false");
                xml.WriteString(article.Id);
                xml.WriteEndElement();
                xml.WriteElementString("pubDate", Rfc1123(article.Published));
                xml.WriteElementString("category", article.Source);
                foreach (var category in article.Categories)
                {
                    xml.WriteElementString("category", XmlSafe(category));
                }
                if (article.Author is { Length: > 0 } author)
                {
                    xml.WriteElementString("creator", DublinCoreNamespace, XmlSafe(author));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void AtomLink(XmlWriter xml, string rel, string href)
    {
        xml.WriteStartElement("atom", "link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("type", ContentType[..ContentType.IndexOf(';', StringComparison.Ordinal)]);
        xml.WriteEndElement();
    }

    private static string Rfc1123(DateTimeOffset time) => time.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);

    // Titles and bodies can hold characters XML 1.0 forbids (&#1;, a vertical tab pasted from a word processor, a
    // lone surrogate): the writer would throw on them, failing every page that lists the article. Drop them.
    /// <summary>The text without the characters XML 1.0 cannot carry (control characters, lone surrogates).</summary>
    internal static string XmlSafe(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length && firstBad < 0; i++)
        {
            if (!IsXmlCharAt(text, i, out var width))
            {
                firstBad = i;
            }

            i += width - 1;
        }

        if (firstBad < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsXmlCharAt(text, i, out var width))
            {
                clean.Append(text, i, width);
            }

            i += width - 1;
        }

        return clean.ToString();
    }

    private static bool IsXmlCharAt(string text, int index, out int width)
    {
        width = 1;
        if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return true;
        }

        return XmlConvert.IsXmlChar(text[index]);
    }
}
