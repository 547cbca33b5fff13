namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Decides an article's language from its text: Chinese (simplified or traditional), English, or other.
/// Feeds' own language tags are often wrong or missing (one outlet serves both scripts under <c>zh</c>).
/// </summary>
public static class LanguageDetector
{
    /// <summary>Too little text to go by: a caption-only article or an empty page; the declared language decides.</summary>
    private const int MinCharacters = 12;

    /// <summary>
    /// Below this many words the function-word count proves nothing either way: "Markets rally as inflation cools" has
    /// none. Then a declared language of the same script (Latin: <c>en</c> or another) breaks the tie.
    /// </summary>
    private const int ShortTextWords = 40;

    /// <summary>The language the counts of a text say, from its scripts and, for Latin text, its English function words.</summary>
    /// <param name="statistics"><see cref="TextStatistics.Of(string)"/> of the text, or the parser's walk's counts of it.</param>
    /// <param name="declared">
    /// What the document or its feed says it is (<c>&lt;html lang&gt;</c>, front matter, the feed's language): used when the
    /// text is too short to tell, or as the tiebreak of a short text; a long text is judged by itself.
    /// </param>
    public static string Detect(TextStatistics statistics, string? declared = null)
    {
        if (statistics.Characters < MinCharacters)
        {
            return FromDeclared(declared) ?? "other";
        }

        if (statistics.CjkCharacters * 4 >= statistics.Characters)
        {
            // Counted on the walk that gave the statistics (TextStatistics.Of), not by reading the text again.
            var (simplified, traditional) = (statistics.SimplifiedOnly, statistics.TraditionalOnly);
            if (simplified == traditional)
            {
                // No distinguishing character (a short text): trust the declared tag, else the far more common script.
                return FromDeclared(declared) is { } tag && tag.StartsWith("zh", StringComparison.Ordinal) ? tag : "zh-Hans";
            }

            return simplified > traditional ? "zh-Hans" : "zh-Hant";
        }

        if (statistics.LatinLetters * 2 >= statistics.Characters)
        {
            // One function word in twenty words is English.
            if (statistics.EnglishFunctionWords * 20 >= statistics.Words)
            {
                return "en";
            }

            return statistics.Words < ShortTextWords && FromDeclared(declared) is { } tag && !tag.StartsWith("zh", StringComparison.Ordinal) ? tag : "other";
        }

        return "other";
    }

    /// <summary>Maps a BCP 47 tag to the four values the pipeline reports.</summary>
    public static string? FromDeclared(string? tag)
    {
        var t = tag?.Trim().Replace('_', '-').ToLowerInvariant();
        return t switch
        {
            null or "" => null,
            _ when t.StartsWith("zh-hant", StringComparison.Ordinal) || t is "zh-tw" or "zh-hk" or "zh-mo" => "zh-Hant",
            _ when t == "zh" || t.StartsWith("zh-", StringComparison.Ordinal) => "zh-Hans",
            _ when t == "en" || t.StartsWith("en-", StringComparison.Ordinal) => "en",
            _ => "other",
        };
    }

    /// <summary>Whether a run of ASCII letters is one of the ten commonest English function words, in any case.</summary>
    /// <remarks>
    /// The statistics ask this of every short word of a text, so the letters are folded to lower case into one number
    /// and compared with the ten words' numbers, rather than hashed for a set lookup.
    /// </remarks>
    internal static bool IsEnglishFunctionWord(ReadOnlySpan<char> letters)
    {
        if (letters.Length is < 2 or > 4)
        {
            return false;
        }

        var key = 0UL;
        foreach (var c in letters)
        {
            key = (key << 16) | (uint)(c | 0x20);
        }

        return key is Of or To or In or Is or On or The or And or For or Was or That;
    }

    private const ulong Of = ('o' << 16) | 'f', To = ('t' << 16) | 'o', In = ('i' << 16) | 'n', Is = ('i' << 16) | 's', On = ('o' << 16) | 'n';
    private const ulong The = ((ulong)'t' << 32) | ('h' << 16) | 'e', And = ((ulong)'a' << 32) | ('n' << 16) | 'd';
    private const ulong For = ((ulong)'f' << 32) | ('o' << 16) | 'r', Was = ((ulong)'w' << 32) | ('a' << 16) | 's';
    private const ulong That = ((ulong)'t' << 48) | ((ulong)'h' << 32) | ('a' << 16) | 't';
}
