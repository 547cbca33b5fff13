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
        var document = new HtmlDocument { OptionMaxNestedChildNodes = MaxNesting };
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
}
