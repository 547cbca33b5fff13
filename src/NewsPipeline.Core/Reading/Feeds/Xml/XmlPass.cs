using System.Text;
using System.Xml;

namespace NewsPipeline.Core.Reading.Feeds.Xml;

/// <summary>
/// One forward-only pass over a feed's <see cref="XmlReader"/>, the way the adapters walk it: child by child, reading
/// an element's text only when a field needs it. No document tree is built. Every element read through here is held
/// to <see cref="MaxDepth"/>, skipped ones too, so a document is refused at the same depth whatever of it the adapters
/// look at (the depth bound dates from the tree: LINQ to XML walks deep trees recursively, and a few hundred thousand
/// nested tags would overflow the stack; a feed never needs more).
/// </summary>
internal sealed class XmlPass(XmlReader reader)
{
    public const int MaxDepth = 64;

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    public XmlReader Reader => reader;

    public string LocalName => reader.LocalName;

    public string NamespaceUri => reader.NamespaceURI;

    /// <summary>The next node, refusing an element nested deeper than any feed needs.</summary>
    public bool Read()
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement && reader.Depth >= MaxDepth)
        {
            throw new FeedFormatException($"Elements are nested more than {MaxDepth} deep at line {(reader as IXmlLineInfo)?.LineNumber}: no feed needs that.");
        }

        return true;
    }

    /// <summary>Moves to the root element; false when the document has none.</summary>
    public bool MoveToRoot()
    {
        while (Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the rest of the document (after the root, or all of it), so it is checked to the end.</summary>
    public void ReadToEnd()
    {
        while (Read())
        {
        }
    }

    /// <summary>
    /// On an element's start tag, whether it has children to walk with <see cref="NextChild"/>; remember the depth
    /// it returns. False for an empty element (nothing to walk).
    /// </summary>
    public bool HasContent(out int depth)
    {
        depth = reader.Depth;
        return !reader.IsEmptyElement;
    }

    /// <summary>
    /// Moves to the next child element of the element at <paramref name="depth"/>, skipping whatever the previous child
    /// held that was not read; false after the parent's end tag.
    /// </summary>
    public bool NextChild(int depth)
    {
        // A child left on its own start tag (not read) is still open: its content is skipped by the loop below.
        while (Read())
        {
            var type = reader.NodeType;
            if (type == XmlNodeType.Element)
            {
                if (reader.Depth == depth + 1)
                {
                    return true;
                }
            }
            else if (type == XmlNodeType.EndElement && reader.Depth == depth)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The text of the element whose start tag the reader is on, all descendants' text concatenated, as
    /// <c>XElement.Value</c> gives it; leaves the reader on its end tag (or on the empty element).
    /// </summary>
    public string ReadValue()
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        string? first = null;
        StringBuilder? more = null;
        while (Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    if (first is null)
                    {
                        first = reader.Value;
                    }
                    else
                    {
                        (more ??= new StringBuilder(first)).Append(reader.Value);
                    }

                    break;
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return more?.ToString() ?? first ?? string.Empty;
            }
        }

        return more?.ToString() ?? first ?? string.Empty;
    }

    /// <summary>An attribute without a namespace, as <c>XElement.Attribute(name)</c> gives it.</summary>
    public string? Attribute(string name) => reader.GetAttribute(name);

    /// <summary>The element's <c>xml:base</c> when it is not empty.</summary>
    public string? XmlBase() => reader.GetAttribute("base", XmlNamespace) is { Length: > 0 } value ? value : null;

    /// <summary>The element's <c>xml:lang</c>, as written.</summary>
    public string? XmlLang() => reader.GetAttribute("lang", XmlNamespace);

    /// <summary>The value of the element's first attribute with this local name, in any namespace (namespace declarations aside).</summary>
    public string? AttributeByLocalName(string localName)
    {
        if (!reader.HasAttributes)
        {
            return null;
        }

        string? value = null;
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.LocalName == localName && reader.NamespaceURI != XmlnsNamespace)
                {
                    value = reader.Value;
                    break;
                }
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        return value;
    }
}
