using System.Text;
using HtmlAgilityPack;

namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>Text as a reader sees it: entities decoded, NBSP and ideographic spaces as spaces, runs of whitespace (a bare <c>\r</c> too) as one space.</summary>
internal static class TextCleaner
{
    public static string Clean(string html)
    {
        var decoded = HtmlEntity.DeEntitize(html);
        var text = new StringBuilder(decoded.Length);
        var space = false;
        foreach (var c in decoded)
        {
            if (char.IsWhiteSpace(c) || c is '\u00A0' or '\u3000' or '\u200B' or '\uFEFF')
            {
                space = text.Length > 0;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
