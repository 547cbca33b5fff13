using System.Buffers;

namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>
/// Decides an article's language from its text: Chinese (simplified or traditional), English, or other.
/// Feeds' own language tags are often wrong or missing (one outlet serves both scripts under <c>zh</c>).
/// </summary>
public static class LanguageDetector
{
    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

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

        // Only text mostly of Latin letters is judged by its words, and one function word in twenty is enough: the count
        // stops there rather than reading a long text to its end.
        var english = statistics.Characters >= MinCharacters && statistics.CjkCharacters * 4 < statistics.Characters && statistics.LatinLetters * 2 >= statistics.Characters
            ? CountEnglishFunctionWords(text, (statistics.Words + 19) / 20)
            : 0;
        return Detect(statistics, english, declared);
    }

    /// <summary>
    /// The English function words in a text, all of them: the parser's walk counts them text node by text node, before
    /// it knows how many words the article has (and so how many would be enough).
    /// </summary>
    internal static int CountEnglishFunctionWords(ReadOnlySpan<char> text) => CountEnglishFunctionWords(text, int.MaxValue);

    /// <summary>The decision on counts the parser's walk already took, without the text.</summary>
    /// <param name="englishFunctionWords">The text's English function words (<see cref="CountEnglishFunctionWords(ReadOnlySpan{char})"/>); a count stopped at one in twenty of its words decides the same.</param>
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
            // A word starts at an ASCII letter: Chinese text (and digits, punctuation) is skipped a vector at a time.
            var next = span[i..].IndexOfAny(AsciiLetters);
            if (next < 0)
            {
                break;
            }

            i += next;
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
