using HtmlAgilityPack;
using NewsPipeline.Core.Reading.Articles.Document;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Text nodes' text with entities decoded, once per document: the walk and the sanitizer each read every text node.
/// The decoded text of all nodes lies in one pooled buffer, so a node with an entity (in the 5 KB report, every
/// paragraph has one) costs no string.
/// </summary>
internal sealed class DecodedText : IDisposable
{
    private TextBuffer? buffer;
    private Dictionary<HtmlTextNode, (int Start, int Length)>? decoded;

    /// <summary>The node's text with its entities decoded, read in place when it has none.</summary>
    /// <remarks>The span is valid until the next call (the buffer may grow): read it, do not keep it.</remarks>
    public ReadOnlySpan<char> Of(HtmlTextNode node)
    {
        var text = SafeHtml.TextOf(node);
        if (!text.Contains('&'))
        {
            return text;
        }

        buffer ??= new TextBuffer(1024);
        decoded ??= new Dictionary<HtmlTextNode, (int, int)>(ReferenceEqualityComparer.Instance);
        if (!decoded.TryGetValue(node, out var at))
        {
            var start = buffer.Length;
            EntityDecoder.Decode(text, buffer);
            at = (start, buffer.Length - start);
            decoded.Add(node, at);
        }

        return buffer.Slice(at.Start, at.Length);
    }

    public void Dispose() => buffer?.Dispose();
}
