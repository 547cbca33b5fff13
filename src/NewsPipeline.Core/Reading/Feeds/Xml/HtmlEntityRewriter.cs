using System.Net;
using System.Text;

namespace NewsPipeline.Core.Reading.Feeds.Xml;

/// <summary>
/// Many feeds use HTML entities (&amp;nbsp;, &amp;eacute;, &amp;mdash;) that XML does not define, which makes a strict
/// parser reject the whole feed. This rewrites each known HTML entity outside CDATA as a numeric character reference.
/// Unknown names stay as they are (so an entity declared in a DOCTYPE, as in a billion-laughs attack, still fails).
/// A feed without such entities is returned as it is, without a copy.
/// </summary>
internal static class HtmlEntityRewriter
{
    private const int MaxEntityNameLength = 32;

    public static string Rewrite(string xml)
    {
        StringBuilder? output = null;
        var copied = 0;
        var position = 0;
        var cdata = xml.IndexOf("<![CDATA[", StringComparison.Ordinal);
        while (position < xml.Length)
        {
            var next = xml.IndexOf('&', position);
            if (next < 0)
            {
                break;
            }

            if (cdata >= 0 && cdata < next)
            {
                // Entities inside CDATA are plain text: continue after the section.
                var end = xml.IndexOf("]]>", cdata, StringComparison.Ordinal);
                position = end < 0 ? xml.Length : end + 3;
                cdata = xml.IndexOf("<![CDATA[", position, StringComparison.Ordinal);
                continue;
            }

            position = next + 1;
            var semicolon = xml.IndexOf(';', next + 1, Math.Min(MaxEntityNameLength + 1, xml.Length - next - 1));
            if (semicolon <= next + 1)
            {
                continue;
            }

            var name = xml.AsSpan(next + 1, semicolon - next - 1);
            if (name[0] == '#' || IsXmlEntity(name) || !IsName(name))
            {
                continue;
            }

            var decoded = WebUtility.HtmlDecode(xml.Substring(next, semicolon - next + 1));
            if (decoded.Length == 0 || decoded[0] == '&')
            {
                continue;
            }

            output ??= new StringBuilder(xml.Length + 64);
            output.Append(xml, copied, next - copied);
            foreach (var rune in decoded.EnumerateRunes())
            {
                output.Append("&#").Append(rune.Value).Append(';');
            }

            copied = position = semicolon + 1;
        }

        return output is null ? xml : output.Append(xml, copied, xml.Length - copied).ToString();
    }

    /// <summary>
    /// Whether the bytes hold anything <see cref="Rewrite"/> might change: a '&amp;' followed by a name that is not one of
    /// XML's five. Conservative (CDATA is not skipped), so a false answer is certain.
    /// </summary>
    public static bool MayNeedRewrite(ReadOnlySpan<byte> xml)
    {
        for (var next = xml.IndexOf((byte)'&'); next >= 0; next = xml.IndexOf((byte)'&'))
        {
            xml = xml[(next + 1)..];
            if (xml.Length > 0 && char.IsAsciiLetter((char)xml[0])
                && !(xml.StartsWith("amp;"u8) || xml.StartsWith("lt;"u8) || xml.StartsWith("gt;"u8) || xml.StartsWith("quot;"u8) || xml.StartsWith("apos;"u8)))
            {
                return true;
            }
        }

        return false;
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
