using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace NewsPipeline.Core.Reading.Feeds.Xml;

/// <summary>
/// Atom xhtml content (<c>&lt;content type="xhtml"&gt;&lt;div&gt;…&lt;/div&gt;&lt;/content&gt;</c>) as the HTML the
/// item carries: the div's nodes written back as markup, each exactly as <c>XNode.ToString(SaveOptions.DisableFormatting)</c>
/// writes it on its own, then trimmed — without a tree or an <see cref="XmlWriter"/> per node. The div's nodes are
/// recorded as they are read and written from the record. What such content holds is covered (elements in a default
/// namespace or none, attributes without a namespace or in <c>xml:</c>, text, CDATA); anything else (an attribute in
/// another namespace, for which the writer would invent a prefix) is built as a tree and written by LINQ to XML.
/// </summary>
internal static class XhtmlWriter
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    [ThreadStatic]
    private static Recording? cached;

    /// <summary>
    /// On the start tag of an xhtml content element: reads it to its end tag and gives its HTML (the first child
    /// element's nodes as markup; the element's text when it has no child element).
    /// </summary>
    public static string ReadContent(XmlPass pass)
    {
        var reader = pass.Reader;
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        string? html = null;
        StringBuilder? text = null;
        while (pass.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when html is null && reader.Depth == depth + 1:
                    html = ReadDivContent(pass);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when html is null:
                    (text ??= new StringBuilder()).Append(reader.Value);
                    break;
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return html ?? text?.ToString().Trim() ?? string.Empty;
            }
        }

        return html ?? text?.ToString().Trim() ?? string.Empty;
    }

    // On the div's start tag: records its nodes to its end tag, then writes them.
    private static string ReadDivContent(XmlPass pass)
    {
        var reader = pass.Reader;
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var recording = cached ?? new Recording();
        cached = null;
        try
        {
            recording.Clear();
            var depth = reader.Depth;
            while (pass.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        recording.Start(reader);
                        break;
                    case XmlNodeType.EndElement:
                        if (reader.Depth == depth)
                        {
                            return recording.Write();
                        }

                        recording.Nodes.Add(new Node(NodeKind.End, reader.LocalName, reader.NamespaceURI, null, 0, 0));
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        recording.Nodes.Add(new Node(NodeKind.Text, string.Empty, string.Empty, reader.Value, 0, 0));
                        break;
                    case XmlNodeType.CDATA:
                        recording.Nodes.Add(new Node(NodeKind.CData, string.Empty, string.Empty, reader.Value, 0, 0));
                        break;
                }
            }

            return recording.Write();
        }
        finally
        {
            if (recording.Output.Capacity <= 1 << 20)
            {
                recording.Clear();
                cached = recording;
            }
        }
    }

    private enum NodeKind : byte
    {
        Start,
        StartEmpty,
        End,
        Text,
        CData,
    }

    private readonly record struct Node(NodeKind Kind, string LocalName, string Namespace, string? Value, int FirstAttribute, int AttributeCount);

    private readonly record struct Attribute(string LocalName, string Namespace, string Value);

    private sealed class Recording
    {
        public List<Node> Nodes { get; } = [];
        public List<Attribute> Attributes { get; } = [];
        public StringBuilder Output { get; } = new();
        private readonly Stack<string> scopes = new();

        public void Clear()
        {
            Nodes.Clear();
            Attributes.Clear();
            Output.Clear();
            scopes.Clear();
        }

        public void Start(XmlReader reader)
        {
            var first = Attributes.Count;
            if (reader.MoveToFirstAttribute())
            {
                do
                {
                    // Namespace declarations are carried by the names, as in the tree the reader used to build.
                    if (reader.NamespaceURI != XmlnsNamespace)
                    {
                        Attributes.Add(new Attribute(reader.LocalName, reader.NamespaceURI, reader.Value));
                    }
                }
                while (reader.MoveToNextAttribute());

                reader.MoveToElement();
            }

            Nodes.Add(new Node(reader.IsEmptyElement ? NodeKind.StartEmpty : NodeKind.Start, reader.LocalName, reader.NamespaceURI, null, first, Attributes.Count - first));
        }

        public string Write()
        {
            if (!TryWrite())
            {
                Output.Clear();
                foreach (var node in BuildTree())
                {
                    Output.Append(node.ToString(SaveOptions.DisableFormatting));
                }
            }

            var start = 0;
            while (start < Output.Length && char.IsWhiteSpace(Output[start]))
            {
                start++;
            }

            var end = Output.Length;
            while (end > start && char.IsWhiteSpace(Output[end - 1]))
            {
                end--;
            }

            return Output.ToString(start, end - start);
        }

        private bool TryWrite()
        {
            // Each top-level node is written as if alone: no namespace is declared in scope at its start.
            scopes.Clear();
            var nodes = Nodes;
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                var inScope = scopes.Count == 0 ? string.Empty : scopes.Peek();
                switch (node.Kind)
                {
                    case NodeKind.Text:
                        AppendText(Output, node.Value!);
                        break;
                    case NodeKind.CData:
                        if (node.Value!.Contains("]]>", StringComparison.Ordinal) || node.Value.Contains('\r', StringComparison.Ordinal))
                        {
                            return false;
                        }

                        Output.Append("<![CDATA[");
                        Output.Append(Environment.NewLine == "\n" ? node.Value : node.Value.Replace("\n", Environment.NewLine, StringComparison.Ordinal));
                        Output.Append("]]>");
                        break;
                    case NodeKind.End:
                        Output.Append("</").Append(node.LocalName).Append('>');
                        scopes.Pop();
                        break;
                    default:
                        if (node.Namespace is XmlNamespace or XmlnsNamespace)
                        {
                            return false;
                        }

                        Output.Append('<').Append(node.LocalName);
                        for (var a = node.FirstAttribute; a < node.FirstAttribute + node.AttributeCount; a++)
                        {
                            var attribute = Attributes[a];
                            if (attribute.Namespace.Length == 0)
                            {
                                Output.Append(' ');
                            }
                            else if (attribute.Namespace == XmlNamespace)
                            {
                                Output.Append(" xml:");
                            }
                            else
                            {
                                return false;
                            }

                            Output.Append(attribute.LocalName).Append("=\"");
                            AppendAttributeValue(Output, attribute.Value);
                            Output.Append('"');
                        }

                        // The writer declares the element's namespace after its attributes, where it differs from the one in scope.
                        if (node.Namespace != inScope)
                        {
                            Output.Append(" xmlns=\"");
                            AppendAttributeValue(Output, node.Namespace);
                            Output.Append('"');
                        }

                        // An element without nodes is written empty, however the feed wrote it.
                        if (node.Kind == NodeKind.StartEmpty)
                        {
                            Output.Append(" />");
                        }
                        else if (i + 1 < nodes.Count && nodes[i + 1].Kind == NodeKind.End)
                        {
                            Output.Append(" />");
                            i++;
                        }
                        else
                        {
                            Output.Append('>');
                            scopes.Push(node.Namespace);
                        }

                        break;
                }
            }

            return true;
        }

        // The div's nodes as the tree LINQ to XML would have: for the writer's own rules where the fast path has none.
        private List<XNode> BuildTree()
        {
            var top = new List<XNode>();
            XElement? current = null;
            foreach (var node in Nodes)
            {
                XNode? added = null;
                switch (node.Kind)
                {
                    case NodeKind.Start or NodeKind.StartEmpty:
                        var element = new XElement(XName.Get(node.LocalName, node.Namespace));
                        for (var a = node.FirstAttribute; a < node.FirstAttribute + node.AttributeCount; a++)
                        {
                            element.Add(new XAttribute(XName.Get(Attributes[a].LocalName, Attributes[a].Namespace), Attributes[a].Value));
                        }

                        added = element;
                        break;
                    case NodeKind.End:
                        current = current?.Parent;
                        continue;
                    case NodeKind.Text:
                        added = new XText(node.Value!);
                        break;
                    case NodeKind.CData:
                        added = new XCData(node.Value!);
                        break;
                }

                if (current is null)
                {
                    top.Add(added!);
                }
                else
                {
                    current.Add(added);
                }

                if (node.Kind == NodeKind.Start)
                {
                    current = (XElement)added!;
                }
            }

            return top;
        }
    }

    private static void AppendText(StringBuilder output, string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var replacement = value[i] switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                // NewLineHandling.Replace: "\n", "\r\n" and a lone "\r" are each one new line.
                '\n' or '\r' => Environment.NewLine,
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }

            output.Append(value, start, i - start).Append(replacement);
            if (value[i] == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
        }

        output.Append(value, start, value.Length - start);
    }

    private static void AppendAttributeValue(StringBuilder output, string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var replacement = value[i] switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\t' => "&#x9;",
                '\n' => "&#xA;",
                '\r' => "&#xD;",
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }

            output.Append(value, start, i - start).Append(replacement);
            start = i + 1;
        }

        output.Append(value, start, value.Length - start);
    }
}
