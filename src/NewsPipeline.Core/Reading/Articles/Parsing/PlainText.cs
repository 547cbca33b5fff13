using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using HtmlAgilityPack;
using NewsPipeline.Core.Reading.Articles.Document;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Titles and bylines are text. Feeds put markup in them anyway (<c>&lt;b&gt;Harbour&lt;/b&gt; reopens</c>, an escaped
/// <c>&lt;script&gt;</c>), and a client that shows a title as HTML would run it: as feedparser does, the markup goes
/// and the text stays, with what script and style elements hold dropped. Text that only looks like markup stays as it
/// is: "prices rise &lt;again&gt;" and "what's next &lt;2027&gt;" name no HTML element, so they are not read as tags.
/// </summary>
internal static partial class PlainText
{
    /// <summary>Longer text is not walked as HTML: its tags are cut out as they stand.</summary>
    private const int MaxHtmlLength = 64 * 1024;

    // What an element holds that is not text to read: code, styles, and the inert template.
    private static readonly FrozenSet<string> Dropped = FrozenSet.Create(StringComparer.Ordinal, "script", "style", "template");

    // Elements whose edges separate words ("<p>Harbour</p><p>reopens</p>" is two words, as a browser shows it).
    private static readonly FrozenSet<string> Breaking = FrozenSet.Create(StringComparer.Ordinal,
        "br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "tr", "td", "th",
        "table", "blockquote", "pre", "section", "article", "aside", "header", "footer", "figure", "figcaption", "address");

    // The names of HTML (and SVG/MathML roots) a feed's title may carry as tags. A '<' before any other word is text.
    private static readonly FrozenSet<string> HtmlElements = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "base", "basefont", "bdi", "bdo", "big",
        "blink", "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup",
        "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset",
        "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
        "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link",
        "main", "map", "mark", "marquee", "math", "menu", "meta", "meter", "nav", "nobr", "noembed", "noframes", "noscript",
        "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "plaintext", "pre", "progress", "q", "rp",
        "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot", "small", "source", "span", "strike",
        "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
        "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp");

    /// <summary>
    /// The text of <paramref name="text"/> (entities already decoded, as <see cref="TextCleaner.Clean"/> gives it) when it
    /// holds markup; otherwise the same string, unchanged.
    /// </summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasMarkup(text))
        {
            return text;
        }

        if (text.Length > MaxHtmlLength)
        {
            return TextCleaner.CleanDecoded(AnyTag().Replace(text, " "));
        }

        HtmlDocument document;
        try
        {
            document = SafeHtml.Load(text);
        }
        catch (ArticleFormatException)
        {
            // Hundreds of unclosed tags: no title holds that, and its tags are cut out as they stand.
            return TextCleaner.CleanDecoded(AnyTag().Replace(text, " "));
        }

        var output = new StringBuilder(text.Length);
        Append(output, document.DocumentNode);
        return TextCleaner.CleanDecoded(output.ToString());
    }

    /// <summary>Whether the text holds a tag of an HTML element (a '&lt;' and a name HTML knows, or a closing '&lt;/') or a comment.</summary>
    public static bool HasMarkup(ReadOnlySpan<char> text)
    {
        for (var open = text.IndexOf('<'); open >= 0 && open < text.Length - 1; open = text.IndexOf('<'))
        {
            var rest = text[(open + 1)..];
            if (rest.StartsWith("!--", StringComparison.Ordinal))
            {
                return true;
            }

            var name = rest[0] == '/' ? rest[1..] : rest;
            var length = 0;
            while (length < name.Length && char.IsAsciiLetterOrDigit(name[length]))
            {
                length++;
            }

            // A name that ends where a tag's name ends (at '>', '/', or white space before attributes).
            if (length > 0 && char.IsAsciiLetter(name[0]) && (length == name.Length || name[length] is '>' or '/' || char.IsWhiteSpace(name[length]))
                && HtmlElements.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name[..length]))
            {
                return true;
            }

            text = rest;
        }

        return false;
    }

    // Depth first along the sibling and parent links, as ArticleHtml walks the tree: no recursion.
    private static void Append(StringBuilder output, HtmlNode root)
    {
        var node = root.FirstChild;
        while (node is not null)
        {
            var enter = false;
            if (node.NodeType == HtmlNodeType.Text)
            {
                output.Append(((HtmlTextNode)node).Text);
            }
            else if (node.NodeType == HtmlNodeType.Element && !Dropped.Contains(node.Name))
            {
                if (Breaking.Contains(node.Name))
                {
                    output.Append(' ');
                }

                enter = node.HasChildNodes;
            }

            if (enter)
            {
                node = node.FirstChild;
                continue;
            }

            while (node is not null && node != root && node.NextSibling is null)
            {
                node = node.ParentNode;
                if (node is not null && node != root && Breaking.Contains(node.Name))
                {
                    output.Append(' ');
                }
            }

            node = node is null || node == root ? null : node.NextSibling;
        }
    }

    [GeneratedRegex(@"<[^>]*>?")]
    private static partial Regex AnyTag();
}
