using System.Runtime.InteropServices;
using HtmlAgilityPack;

namespace NewsPipeline.Core.Reading.Articles.Document;

/// <summary>Loads HTML with HtmlAgilityPack under limits that keep hostile or broken markup from crashing the worker.</summary>
public static class SafeHtml
{
    /// <summary>
    /// Real articles nest a few dozen elements deep. HtmlAgilityPack and its XPath walk the tree recursively, so a
    /// document of 100,000 unclosed tags would overflow the stack, which no catch can stop and which kills the host.
    /// </summary>
    public const int MaxNesting = 400;

    public static HtmlDocument Load(string html)
    {
        var document = new HtmlDocument
        {
            OptionMaxNestedChildNodes = MaxNesting,

            // Neither changes the tree (SafeHtmlTests holds it to a default load): one keeps a table of every element
            // by id for GetElementbyId, the other a table of open elements to report unclosed tags in ParseErrors.
            // The parser reads neither, and the two tables were an eighth of the load.
            OptionUseIdAttribute = false,
            OptionCheckSyntax = false,
        };
        try
        {
            document.LoadHtml(html);
        }
        catch (Exception e) when (e.Message.Contains("nested tags", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArticleFormatException($"The HTML nests tags more than {MaxNesting} deep (unclosed tags?); the parser refuses it rather than risk the stack.");
        }

        return document;
    }

    /// <summary>
    /// Loads the HTML part of a longer text (an archived article after its header) as <see cref="Load(string)"/> would
    /// load that part on its own, without copying it out: a long report's HTML as a string of its own was a large-object
    /// allocation per parse, and those set off the full collections. HtmlAgilityPack reads the whole text and the nodes
    /// of the text around the part are cut from the tree, which is then the part's tree, node for node (SafeHtmlTests
    /// holds the two to the same trees). Text around the part that could change how the part is read (any markup other
    /// than complete comments before it, anything but white space after it) is not risked: the part is copied then.
    /// </summary>
    /// <remarks>Positions in the tree (<see cref="HtmlNode.OuterStartIndex"/> and the like) are in the whole text, as is <see cref="HtmlDocument.Text"/>.</remarks>
    public static HtmlDocument Load(ReadOnlyMemory<char> html)
    {
        if (!MemoryMarshal.TryGetString(html, out var text, out var start, out var length))
        {
            return Load(html.ToString());
        }

        if (length == text.Length || length == 0 || !IsPlainAround(text, start, start + length))
        {
            return Load(html.ToString());
        }

        var document = Load(text);
        return CutToPart(document.DocumentNode, start, start + length) ? document : Load(html.ToString());
    }

    // Before the part only text and complete comments (the header's "<!--ms-->" line), and the part opening with markup
    // (else the header's text and the part's first text would be one node); after it only white space, and then the part
    // ending in markup (else its last text and the white space would be one node). A cheap first look that spares a
    // load bound to be refused: CutToPart decides, on the tree.
    private static bool IsPlainAround(string text, int start, int end)
    {
        if (text[start] != '<' || !text.AsSpan(end).IsWhiteSpace() || (end < text.Length && text[end - 1] != '>'))
        {
            return false;
        }

        var before = text.AsSpan(0, start);
        for (var open = before.IndexOf('<'); open >= 0; open = before.IndexOf('<'))
        {
            var close = before[open..].StartsWith("<!--", StringComparison.Ordinal) ? before[(open + 4)..].IndexOf("-->", StringComparison.Ordinal) : -1;
            if (close < 0)
            {
                return false;
            }

            before = before[(open + 4 + close + 3)..];
        }

        return true;
    }

    // Removes the nodes that lie before the part (at the root: the header's comment and text) and the white space after
    // it; false when the tree does not fall apart there, and the part is to be loaded on its own.
    private static bool CutToPart(HtmlNode root, int start, int end)
    {
        var children = root.ChildNodes;
        while (children.Count > 0 && children[0].OuterStartIndex < start)
        {
            var first = children[0];
            if (first.NodeType is not (HtmlNodeType.Comment or HtmlNodeType.Text) || first.OuterStartIndex + first.OriginalOuterLength > start)
            {
                return false;
            }

            children.RemoveAt(0);
        }

        if (end == root.OwnerDocument.Text.Length)
        {
            return true;
        }

        // The white space after the part is a text node of its own, the last in document order (the part ends in markup:
        // were it text, the two would be one node, and the part is copied).
        var last = root;
        while (last.LastChild is { } child)
        {
            last = child;
        }

        if (last.NodeType != HtmlNodeType.Text || last.OuterStartIndex != end || last.OuterStartIndex + last.OriginalOuterLength != root.OwnerDocument.Text.Length
            || last.ParentNode is not { } parent)
        {
            return false;
        }

        parent.ChildNodes.RemoveAt(parent.ChildNodes.Count - 1);
        return true;
    }

    /// <summary>
    /// A text node's text as the document has it (entities not decoded), read in place: <see cref="HtmlTextNode.Text"/>
    /// copies it out of the document on every call, which over a walk of every text node was a copy of the whole article.
    /// So does <see cref="HtmlNode.OuterLength"/> (it is the length of <see cref="HtmlNode.OuterHtml"/>, built for the
    /// asking): the length is the one the parser recorded, <see cref="HtmlNode.OriginalOuterLength"/>.
    /// </summary>
    /// <remarks>For trees as HtmlAgilityPack loaded them, which are all the parser and the sanitizer read: a node given new text afterwards would still read as loaded.</remarks>
    public static ReadOnlySpan<char> TextOf(HtmlTextNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var source = node.OwnerDocument?.Text;
        var (start, length) = (node.OuterStartIndex, node.OriginalOuterLength);
        return source is not null && start >= 0 && length >= 0 && length <= source.Length - start
            ? source.AsSpan(start, length)
            : node.Text;
    }
}
