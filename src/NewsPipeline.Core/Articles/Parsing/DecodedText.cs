using HtmlAgilityPack;
using NewsPipeline.Core.Articles.Document;

namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>
/// Text nodes' text with entities decoded, once per document: the walk and the sanitizer each read every text node, and
/// HtmlAgilityPack's <see cref="HtmlEntity.DeEntitize"/> builds its result in fresh builders for every node with an entity
/// (in the 5 KB report, every paragraph has one).
/// </summary>
internal sealed class DecodedText
{
    private Dictionary<HtmlTextNode, string>? decoded;

    /// <summary>The node's text with its entities decoded, read in place when it has none.</summary>
    public ReadOnlySpan<char> Of(HtmlTextNode node)
    {
        var text = SafeHtml.TextOf(node);
        if (!text.Contains('&'))
        {
            return text;
        }

        decoded ??= new Dictionary<HtmlTextNode, string>(ReferenceEqualityComparer.Instance);
        if (!decoded.TryGetValue(node, out var value))
        {
            value = HtmlEntity.DeEntitize(text.ToString());
            decoded.Add(node, value);
        }

        return value;
    }
}
