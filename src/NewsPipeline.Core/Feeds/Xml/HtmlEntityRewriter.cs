using System.Net;
using System.Text;

namespace NewsPipeline.Core.Feeds.Xml;

/// <summary>
/// Many feeds use HTML entities (&amp;nbsp;, &amp;eacute;, &amp;mdash;) that XML does not define, which makes a strict
/// parser reject the whole feed. This rewrites each known HTML entity outside CDATA as a numeric character reference.
/// Unknown names stay as they are (so an entity declared in a DOCTYPE, as in a billion-laughs attack, still fails).
/// </summary>
internal static class HtmlEntityRewriter
{
    private const int MaxEntityNameLength = 32;

    public static string Rewrite(string xml)
    {
        var next = xml.IndexOf('&', StringComparison.Ordinal);
        if (next < 0)
        {
            return xml;
        }

        var output = new StringBuilder(xml.Length + 64);
        var position = 0;
        var cdata = xml.IndexOf("<![CDATA[", StringComparison.Ordinal);
        while (next >= 0)
        {
            if (cdata >= 0 && cdata < position)
            {
                cdata = xml.IndexOf("<![CDATA[", position, StringComparison.Ordinal);
            }

            if (cdata >= 0 && cdata < next)
            {
                // Copy the CDATA section untouched: entities inside it are plain text.
                var end = xml.IndexOf("]]>", cdata, StringComparison.Ordinal);
                end = end < 0 ? xml.Length : end + 3;
                output.Append(xml, position, end - position);
                position = end;
                next = xml.IndexOf('&', position);
                continue;
            }

            output.Append(xml, position, next - position);
            var semicolon = xml.IndexOf(';', next + 1, Math.Min(MaxEntityNameLength + 1, xml.Length - next - 1));
            var name = semicolon > next + 1 ? xml.AsSpan(next + 1, semicolon - next - 1) : default;
            if (name.Length > 0 && name[0] != '#' && !IsXmlEntity(name) && IsName(name)
                && WebUtility.HtmlDecode(xml.Substring(next, semicolon - next + 1)) is { } decoded && decoded[0] != '&')
            {
                foreach (var rune in decoded.EnumerateRunes())
                {
                    output.Append("&#").Append(rune.Value).Append(';');
                }

                position = semicolon + 1;
            }
            else
            {
                output.Append('&');
                position = next + 1;
            }

            next = xml.IndexOf('&', position);
        }

        output.Append(xml, position, xml.Length - position);
        return output.ToString();
    }

    private static bool IsXmlEntity(ReadOnlySpan<char> name) =>
        name is "amp" or "lt" or "gt" or "quot" or "apos";

    private static bool IsName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
