using System.Xml;
using System.Xml.Linq;

namespace NewsPipeline.Core.Feeds.Xml;

/// <summary>
/// Builds an <see cref="XDocument"/> from a reader in one pass, refusing documents nested deeper than any feed needs.
/// XDocument.Load has no depth limit, and LINQ to XML walks deep trees recursively (XElement.Value), so a document of
/// a few hundred thousand nested tags would overflow the stack — a crash no catch can stop.
/// </summary>
internal static class BoundedXmlLoader
{
    public const int MaxDepth = 64;

    public static XDocument Load(XmlReader reader)
    {
        var document = new XDocument();
        XContainer current = document;
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
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

                    current.Add(element);
                    if (!reader.IsEmptyElement)
                    {
                        if (++depth > MaxDepth)
                        {
                            throw new FeedFormatException($"Elements are nested more than {MaxDepth} deep at line {(reader as IXmlLineInfo)?.LineNumber}: no feed needs that.");
                        }

                        current = element;
                    }

                    break;
                case XmlNodeType.EndElement:
                    current = current.Parent ?? (XContainer)document;
                    depth--;
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.SignificantWhitespace:
                    current.Add(new XText(reader.Value));
                    break;
                case XmlNodeType.CDATA:
                    current.Add(new XCData(reader.Value));
                    break;
                case XmlNodeType.Whitespace when current is XElement:
                    current.Add(new XText(reader.Value));
                    break;
            }
        }

        return document;
    }
}
