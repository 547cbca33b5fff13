using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Reading.Feeds.Encoding;

/// <summary>
/// Turns a feed's bytes into text the way real feeds need: a byte-order mark first, then the XML declaration's
/// encoding, then the HTTP charset, then UTF-8 if the bytes are valid UTF-8, and only then a guess among the legacy
/// encodings news feeds still use undeclared (GBK/GB2312, Big5, Windows-1252).
/// </summary>
public static partial class FeedDecoder
{
    // Frequent characters of news prose in each script. Bytes decoded with the wrong one of GBK and Big5 come out as
    // rare characters, so the right decoding is the one that yields more of these.
    private const string FrequentSimplified = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经";
    private const string FrequentTraditional = "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經";

    private static readonly System.Text.Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static FeedDecoder() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="content"/>; <paramref name="httpCharset"/> is the charset of the response's Content-Type, if any.</summary>
    public static string Decode(ReadOnlySpan<byte> content, string? httpCharset = null)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            return System.Text.Encoding.UTF8.GetString(content[3..]);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return System.Text.Encoding.Unicode.GetString(content[2..]);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return System.Text.Encoding.BigEndianUnicode.GetString(content[2..]);
        }

        var declared = DeclaredEncoding(content);
        foreach (var name in new[] { declared, httpCharset })
        {
            if (TryGetEncoding(name, out var encoding) && TryDecodeStrict(content, encoding, out var text))
            {
                return text;
            }
        }

        if (TryDecodeStrict(content, StrictUtf8, out var utf8))
        {
            return utf8;
        }

        return Guess(content);
    }

    /// <summary>
    /// True when the bytes are valid UTF-8 (without the NULs of UTF-16, which XML forbids anyway) that neither the XML declaration nor the HTTP charset says is something
    /// else: an XML reader can then take them as they are.
    /// </summary>
    public static bool IsPlainUtf8(ReadOnlySpan<byte> content, string? httpCharset)
    {
        var declared = DeclaredEncoding(content);
        // Only the exact name: XmlReader, which then reads the declaration itself, does not know aliases such as "utf8".
        return (declared is null || declared.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) && (httpCharset is null || IsUtf8Name(httpCharset) || IsAsciiName(httpCharset))
            && !content.Contains((byte)0) && System.Text.Unicode.Utf8.IsValid(content);
    }

    private static bool IsUtf8Name(string name) => name.Trim().Trim('"', '\'').Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Trim().Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static bool IsAsciiName(string name) => name.Trim().Trim('"', '\'').Equals("us-ascii", StringComparison.OrdinalIgnoreCase);

    private static string Guess(ReadOnlySpan<byte> content)
    {
        var best = (Text: (string?)null, Score: -1);
        foreach (var name in new[] { "GB18030", "big5" })
        {
            if (TryGetEncoding(name, out var encoding) && TryDecodeStrict(content, encoding, out var text))
            {
                var score = Score(text);
                if (score > best.Score)
                {
                    best = (text, score);
                }
            }
        }

        // Too few frequent Han characters to be Chinese: Latin text in the Windows superset of ISO-8859-1.
        return best.Text is not null && best.Score >= 3
            ? best.Text
            : System.Text.Encoding.GetEncoding(1252).GetString(content);
    }

    private static int Score(string text)
    {
        var score = 0;
        foreach (var c in text)
        {
            if (FrequentSimplified.Contains(c, StringComparison.Ordinal) || FrequentTraditional.Contains(c, StringComparison.Ordinal))
            {
                score++;
            }
        }

        return score;
    }

    // Decodes only when every byte sequence is valid in the encoding. Invalid bytes are noted, not thrown: a feed in
    // a legacy encoding is tried against several, and an exception per refusal cost more than the decoding.
    private static bool TryDecodeStrict(ReadOnlySpan<byte> content, System.Text.Encoding encoding, out string text)
    {
        text = string.Empty;
        if (encoding.CodePage == 65001)
        {
            if (!System.Text.Unicode.Utf8.IsValid(content))
            {
                return false;
            }

            text = System.Text.Encoding.UTF8.GetString(content);
            return true;
        }

        var decoder = encoding.GetDecoder();
        var fallback = new InvalidBytesFallback();
        decoder.Fallback = fallback;
        var count = decoder.GetCharCount(content, flush: true);
        if (fallback.Invalid)
        {
            return false;
        }

        decoder.Reset();
        var chars = new char[count];
        var written = decoder.GetChars(content, chars, flush: true);
        if (fallback.Invalid)
        {
            return false;
        }

        text = new string(chars, 0, written);
        return true;
    }

    // Encoding names are looked up once each (a miss costs an exception); the cache is bounded, as the names come from documents.
    private static readonly ConcurrentDictionary<string, System.Text.Encoding?> EncodingsByName = new(StringComparer.Ordinal);

    private const int MaxCachedEncodingNames = 256;

    private static bool TryGetEncoding(string? name, out System.Text.Encoding encoding)
    {
        encoding = System.Text.Encoding.UTF8;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        // GB2312 feeds routinely contain GBK-only characters; GB18030 is the superset that reads them all.
        var normalized = name.Trim().Trim('"', '\'').ToLowerInvariant() switch
        {
            "gb2312" or "gbk" or "x-gbk" or "cp936" or "gb_2312-80" => "GB18030",
            "big5-hkscs" or "x-x-big5" => "big5",
            "iso-8859-1" or "latin1" or "us-ascii" => "windows-1252",
            var other => other,
        };
        if (!EncodingsByName.TryGetValue(normalized, out var found))
        {
            found = Lookup(normalized);
            if (EncodingsByName.Count < MaxCachedEncodingNames)
            {
                EncodingsByName.TryAdd(normalized, found);
            }
        }

        if (found is null)
        {
            return false;
        }

        encoding = found;
        return true;
    }

    private static System.Text.Encoding? Lookup(string name)
    {
        try
        {
            return System.Text.Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // Unknown names, and ones the runtime refuses (UTF-7): fall through to the other evidence.
            return null;
        }
    }

    /// <summary>A decoder fallback that notes that the bytes were invalid and substitutes nothing.</summary>
    private sealed class InvalidBytesFallback : DecoderFallback
    {
        public bool Invalid { get; private set; }

        public override int MaxCharCount => 0;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

        private sealed class Buffer(InvalidBytesFallback owner) : DecoderFallbackBuffer
        {
            public override int Remaining => 0;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                owner.Invalid = true;
                return false;
            }

            public override char GetNextChar() => '\0';

            public override bool MovePrevious() => false;
        }
    }

    private static string? DeclaredEncoding(ReadOnlySpan<byte> content)
    {
        var head = System.Text.Encoding.ASCII.GetString(content[..Math.Min(content.Length, 200)]);
        var match = XmlDeclarationEncoding().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\bencoding\s*=\s*[""']([A-Za-z0-9._:-]+)[""']")]
    private static partial Regex XmlDeclarationEncoding();
}
