using System.Buffers;
using HtmlAgilityPack;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>Text as a reader sees it: entities decoded, NBSP and ideographic spaces as spaces, runs of whitespace (a bare <c>\r</c> too) as one space.</summary>
internal static class TextCleaner
{
    public static string Clean(string html)
    {
        var decoded = html.Contains('&', StringComparison.Ordinal) ? HtmlEntity.DeEntitize(html) : html;

        // Most paragraphs are already one clean line: the same text, without copying it.
        return IsClean(decoded) ? decoded : Collapse(decoded);
    }

    /// <summary>As <see cref="Clean"/>, for text whose entities are already decoded (decoding again would read "&amp;amp;lt;" as "&lt;").</summary>
    public static string CleanDecoded(ReadOnlySpan<char> text) => IsClean(text) ? new string(text) : Collapse(text);

    /// <summary>How many characters the cleaned text keeps besides spaces, counted up to <paramref name="limit"/>.</summary>
    public static int CountVisible(ReadOnlySpan<char> text, int limit)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!IsSpace(c) && ++count >= limit)
            {
                break;
            }
        }

        return count;
    }

    private static string Collapse(ReadOnlySpan<char> decoded)
    {
        var buffer = ArrayPool<char>.Shared.Rent(decoded.Length);
        try
        {
            var length = 0;
            var space = false;
            foreach (var c in decoded)
            {
                if (IsSpace(c))
                {
                    space = length > 0;
                    continue;
                }

                if (space)
                {
                    buffer[length++] = ' ';
                    space = false;
                }

                buffer[length++] = c;
            }

            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // White space, NBSP and the ideographic space among it, and the zero-width space and BOM that outlets leave in text.
    // No white space lies above U+3000, so CJK text is answered by a compare rather than the Unicode tables.
    private static bool IsSpace(char c) => c switch
    {
        <= '\u00FF' => char.IsWhiteSpace(c),
        > '\u3000' => c == '\uFEFF',
        _ => char.IsWhiteSpace(c) || c == '\u200B',
    };

    // What Clean would give back unchanged: no space but single ' ' between words, none at either end.
    private static bool IsClean(ReadOnlySpan<char> text)
    {
        var previousSpace = true;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }

                previousSpace = true;
            }
            else if (IsSpace(c))
            {
                return false;
            }
            else
            {
                previousSpace = false;
            }
        }

        return !previousSpace || text.Length == 0;
    }
}
