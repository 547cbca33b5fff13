using HtmlAgilityPack;

namespace NewsPipeline.Core.Articles.Document;

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
    /// A text node's text as the document has it (entities not decoded), read in place: <see cref="HtmlTextNode.Text"/>
    /// copies it out of the document on every call, which over a walk of every text node was a copy of the whole article.
    /// </summary>
    /// <remarks>For trees as HtmlAgilityPack loaded them, which are all the parser and the sanitizer read: a node given new text afterwards would still read as loaded.</remarks>
    public static ReadOnlySpan<char> TextOf(HtmlTextNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var source = node.OwnerDocument?.Text;
        var (start, length) = (node.OuterStartIndex, node.OuterLength);
        return source is not null && start >= 0 && length >= 0 && length <= source.Length - start
            ? source.AsSpan(start, length)
            : node.Text;
    }
}
