using System.Globalization;

namespace NewsPipeline.Core.Model.Readers;

/// <summary>
/// The 64-bit item ids reader apps use (NetNewsWire parses them with <c>Int(id)!</c>): the first 15 hex digits of the
/// article id, so 60 bits, always positive. The article id comes from the canonical URL, so a re-parse, a reindex or a
/// second feed carrying the article give the same number. 60 bits leave a collision among a million articles at odds
/// of about one in two million; the 15 digits are also a prefix of the article id's row key, so one range query in
/// one partition finds the article.
/// </summary>
public static class ReaderItemId
{
    public const int HexDigits = 15;
    public const string LongFormPrefix = "tag:google.com,2005:reader/item/";

    /// <summary>The number of an article id (40 lower-case hex digits).</summary>
    public static long FromArticleId(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        return long.Parse(articleId.AsSpan(0, HexDigits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>The prefix of every article id that has this number: 15 lower-case hex digits.</summary>
    public static string ArticlePrefix(long id) => id.ToString("x15", CultureInfo.InvariantCulture);

    /// <summary>Google Reader's long form: <c>tag:google.com,2005:reader/item/</c> and 16 zero-padded hex digits.</summary>
    public static string LongForm(long id) => LongFormPrefix + id.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The short form: the number in decimal.</summary>
    public static string ShortForm(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an id as apps send it: the long form with 16 zero-padded or fewer (older NetNewsWire) hex digits, or the
    /// decimal short form. Anything else, or a number no article id can give, is not an id.
    /// </summary>
    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        bool parsed;
        if (value.StartsWith(LongFormPrefix, StringComparison.Ordinal))
        {
            var hex = value.AsSpan(LongFormPrefix.Length);
            parsed = hex.Length is > 0 and <= 16 && long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id);
        }
        else
        {
            parsed = value.Length <= 19 && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id);
        }

        return parsed && id >= 0 && id < 1L << (HexDigits * 4);
    }
}
