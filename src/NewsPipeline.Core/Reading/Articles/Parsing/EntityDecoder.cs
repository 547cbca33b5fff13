using System.Globalization;
using HtmlAgilityPack;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// HtmlAgilityPack's <see cref="HtmlEntity.DeEntitize"/>, quirks and all, written into a buffer instead of fresh
/// builders and strings: it allocated three objects for every text node with an entity, and news text is full of
/// <c>&amp;amp;</c> and <c>&amp;#8217;</c>. Its entity table is the one HtmlAgilityPack reads; EntityDecoderTests hold
/// the output to DeEntitize's on every quirk and on generated text, so stored text does not move.
/// </summary>
internal static class EntityDecoder
{
    // HtmlAgilityPack stops reading a name after this many characters and writes what it read as text.
    private const int MaxEntitySize = 9;

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Names =
        HtmlEntity.EntityValue.GetAlternateLookup<ReadOnlySpan<char>>();

    public static void Decode(ReadOnlySpan<char> text, TextBuffer output)
    {
        var i = 0;
        while (i < text.Length)
        {
            var ampersand = text[i..].IndexOf('&');
            if (ampersand < 0)
            {
                output.Append(text[i..]);
                return;
            }

            output.Append(text.Slice(i, ampersand));
            i += ampersand + 1;
            var start = i;
            while (true)
            {
                if (i == text.Length)
                {
                    output.Append('&');
                    output.Append(text[start..]);
                    return;
                }

                var c = text[i++];
                if (c == ';')
                {
                    AppendEntity(text[start..(i - 1)], output);
                    break;
                }

                if (c == '&')
                {
                    // The name read so far was no entity; a new one starts here.
                    output.Append('&');
                    output.Append(text[start..(i - 1)]);
                    start = i;
                }
                else if (i - start > MaxEntitySize)
                {
                    output.Append('&');
                    output.Append(text[start..i]);
                    break;
                }
            }
        }
    }

    private static void AppendEntity(ReadOnlySpan<char> name, TextBuffer output)
    {
        if (name.IsEmpty)
        {
            output.Append("&;");
        }
        else if (name[0] == '#')
        {
            if (TryReadCodeUnit(name[1..], out var value))
            {
                output.Append(value);
            }
            else
            {
                // As DeEntitize writes a reference it cannot read: the '#' twice.
                output.Append("&#");
                output.Append(name);
                output.Append(';');
            }
        }
        else if (Names.TryGetValue(name, out var code))
        {
            output.Append(Convert.ToChar(code));
        }
        else
        {
            output.Append('&');
            output.Append(name);
            output.Append(';');
        }
    }

    // Plain digits are read here (the parse refuses anything else, and an overflow); anything else (spaces, signs, a
    // "0x" after the "x") goes through the same Convert calls DeEntitize makes, which accept and refuse what they do.
    private static bool TryReadCodeUnit(ReadOnlySpan<char> digits, out char value)
    {
        var hex = digits is ['x' or 'X', ..];
        if (int.TryParse(hex ? digits[1..] : digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            value = (char)parsed;
            return parsed <= char.MaxValue;
        }

        try
        {
            var text = digits.ToString().Trim();
            var fromBase = text.StartsWith('x') || text.StartsWith('X') ? 16 : 10;
            value = Convert.ToChar(Convert.ToInt32(fromBase == 16 ? text[1..] : text, fromBase));
            return true;
        }
#pragma warning disable CA1031 // DeEntitize catches everything the conversion throws and writes the reference as text.
        catch (Exception)
#pragma warning restore CA1031
        {
            value = default;
            return false;
        }
    }
}
