namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>
/// Decides an article's language from its text: Chinese (simplified or traditional), English, or other.
/// Feeds' own language tags are often wrong or missing (one outlet serves both scripts under <c>zh</c>).
/// </summary>
public static class LanguageDetector
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishWords =
        new HashSet<string>(["the", "and", "of", "to", "in", "is", "that", "for", "was", "on"], StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Too little text to go by: a caption-only article or an empty page; the declared language decides.</summary>
    private const int MinCharacters = 12;

    /// <summary>
    /// Below this many words the function-word count proves nothing either way: "Markets rally as inflation cools" has
    /// none. Then a declared language of the same script (Latin: <c>en</c> or another) breaks the tie.
    /// </summary>
    private const int ShortTextWords = 40;

    /// <param name="declared">
    /// What the document or its feed says it is (<c>&lt;html lang&gt;</c>, front matter, the feed's language): used when the
    /// text is too short to tell, or as the tiebreak of a short text; a long text is judged by itself.
    /// </param>
    /// <param name="statistics"><see cref="TextStatistics.Of(string)"/> of <paramref name="text"/>: its counts of each Chinese script decide between them.</param>
    public static string Detect(string text, TextStatistics statistics, string? declared = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Detect(statistics, EnglishFunctionWords(text, statistics), declared);
    }

    /// <summary>
    /// What the decision needs to read in the text itself: its English function words, counted only in text mostly of
    /// Latin letters, and only up to one in twenty words, which is enough (the count stops there rather than reading a
    /// long text to its end).
    /// </summary>
    internal static int EnglishFunctionWords(ReadOnlySpan<char> text, TextStatistics statistics) =>
        statistics.Characters >= MinCharacters && statistics.CjkCharacters * 4 < statistics.Characters && statistics.LatinLetters * 2 >= statistics.Characters
            ? CountEnglishFunctionWords(text, (statistics.Words + 19) / 20)
            : 0;

    /// <summary>The decision on counts the parser's walk already took (<see cref="EnglishFunctionWords"/>), without the text.</summary>
    internal static string Detect(TextStatistics statistics, int englishFunctionWords, string? declared)
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
            if (englishFunctionWords * 20 >= statistics.Words)
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

    // The ten commonest English function words, counted as whole words without copying the text, up to a limit.
    private static int CountEnglishFunctionWords(ReadOnlySpan<char> span, int limit)
    {
        var count = 0;
        for (var i = 0; i < span.Length;)
        {
            if (!char.IsAsciiLetter(span[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < span.Length && char.IsLetter(span[i]))
            {
                i++;
            }

            if (i - start <= 4 && EnglishWords.Contains(span[start..i]) && ++count >= limit)
            {
                return count;
            }
        }

        return count;
    }
}
