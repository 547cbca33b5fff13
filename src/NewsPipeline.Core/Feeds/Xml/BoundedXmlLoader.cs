using System.Xml;
using System.Xml.Linq;

namespace NewsPipeline.Core.Feeds.Xml;

/// <summary>
/// Builds an <see cref="XElement"/> from the element a reader is on (Atom xhtml content, which is kept as markup),
/// refusing documents nested deeper than any feed needs. LINQ to XML walks deep trees recursively (XElement.Value,
/// ToString), so a document of a few hundred thousand nested tags would overflow the stack — a crash no catch can stop.
/// The rest of a feed is read without a tree (<see cref="XmlPass"/>), under the same bound.
/// </summary>
internal static class BoundedXmlLoader
{
    public const int MaxDepth = 64;

    public static FeedFormatException TooDeep(XmlReader reader) =>
        new($"Elements are nested more than {MaxDepth} deep at line {(reader as IXmlLineInfo)?.LineNumber}: no feed needs that.");

    /// <summary>The element the reader is on, with its attributes and content; leaves the reader on its end tag.</summary>
    public static XElement LoadElement(XmlPass pass)
    {
        var reader = pass.Reader;
        var root = NewElement(reader);
        if (reader.IsEmptyElement)
        {
            return root;
        }

        var rootDepth = reader.Depth;
        XElement current = root;
        while (pass.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = NewElement(reader);
                    current.Add(element);
                    if (!reader.IsEmptyElement)
                    {
                        current = element;
                    }

                    break;
                case XmlNodeType.EndElement:
                    if (reader.Depth == rootDepth)
                    {
                        return root;
                    }

                    current = current.Parent ?? root;
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.SignificantWhitespace:
                case XmlNodeType.Whitespace:
                    current.Add(new XText(reader.Value));
                    break;
                case XmlNodeType.CDATA:
                    current.Add(new XCData(reader.Value));
                    break;
            }
        }

        return root;
    }

    private static XElement NewElement(XmlReader reader)
    {
        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                // Namespace declarations are already carried by the element and attribute names.
                if (reader.NamespaceURI != XNamespace.Xmlns.NamespaceName)
                {
                    element.Add(new XAttribute(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value));
                }
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        return element;
    }
}
