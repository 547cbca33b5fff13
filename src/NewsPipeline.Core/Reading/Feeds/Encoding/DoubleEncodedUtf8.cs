namespace NewsPipeline.Core.Reading.Feeds.Encoding;

/// <summary>
/// Repairs text that was UTF-8-encoded twice: a CMS read its UTF-8 as Latin-1 (or Windows-1252) and encoded it again,
/// so "Flüchtlinge" reaches the feed as "FlÃ¼chtlinge" and "¿Cuál" as "Â¿CuÃ¡l", in otherwise well-formed XML.
/// As Python's feedparser does: take the text back to the bytes Latin-1 would have read, decode those as UTF-8, and
/// keep the result only when that succeeds. Real Latin-1 text ("Café", "São") is not valid UTF-8 as bytes, so it is
/// never touched; neither is text with any character outside Windows-1252.
/// </summary>
public static class DoubleEncodedUtf8
{
    // Windows-1252's printable characters in 0x80–0x9F: CMSs that "read as Latin-1" usually read as Windows-1252,
    // so the second byte of "â€™" (a UTF-8 right quote) comes out as '€'.
    private const string Windows1252High = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

    public static string Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Every double-encoded character starts with a UTF-8 lead byte read as Latin-1: Â..ô (0xC2–0xF4).
        var lead = text.AsSpan().IndexOfAnyInRange('\u00C2', '\u00F4');
        if (lead < 0)
        {
            return text;
        }

        var bytes = text.Length <= 512 ? stackalloc byte[text.Length] : new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c <= '\u00FF')
            {
                bytes[i] = (byte)c;
                continue;
            }

            var high = Windows1252High.IndexOf(c, StringComparison.Ordinal);
            if (high < 0)
            {
                // A character Latin-1 could not have produced: the text is not a misread of UTF-8 bytes.
                return text;
            }

            bytes[i] = (byte)(0x80 + high);
        }

        // Not valid UTF-8 as bytes: real Latin-1 text, left as it is (checked without the exception a strict decode throws).
        return System.Text.Unicode.Utf8.IsValid(bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : text;
    }
}
