using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using NewsPipeline.Core.Reading.Text;

namespace NewsPipeline.Core.Reading.Stories;

/// <summary>
/// The terms of an article that can tell one event from another, with their weight in the article: character
/// bigrams of text without spaces (Chinese, Japanese), words of text with them, numbers whole. No dictionary and no
/// word segmenter, so no language is assumed: a bigram of a name (蓬佩, 佩奥) is as good a handle as the name.
/// Text is compared folded: NFKC (full-width digits and letters become ASCII), lower case, Traditional → Simplified.
/// </summary>
public static class StoryFeatures
{
    private const float LeadWeight = 1f;

    // Numbers (59 apps, 72 hours, 2,340 dollars) and words spelled in Latin letters inside Chinese text (names in
    // brackets: Nancy Pelosi, TikTok) identify an event better than the words around them.
    private const float NameOrNumberBoost = 1.5f;

    // Words every English sentence has; an IDF would learn them too, but only after many articles.
    private static readonly HashSet<string> EnglishFunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "and", "or", "but", "is", "are",
        "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she",
        "they", "his", "her", "their", "we", "you", "i", "not", "will", "would", "said", "says", "after", "over", "into",
    };

    /// <summary>The article's terms and their weights (title and lead occurrences summed).</summary>
    public static Dictionary<string, float> Terms(string title, string? lead, float titleWeight = 2f)
    {
        ArgumentNullException.ThrowIfNull(title);
        var terms = new Dictionary<string, float>(StringComparer.Ordinal);
        Add(terms, title, titleWeight);
        if (lead is { Length: > 0 })
        {
            Add(terms, lead, LeadWeight);
        }

        return terms;
    }

    /// <summary>A term's stable 64-bit hash: what rows and sketches store.</summary>
    public static ulong Hash(string term) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(term.AsSpan()));

    /// <summary>The text as it is compared: NFKC, lower case, Simplified script.</summary>
    public static string Fold(string text) =>
        ScriptFolding.Fold(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant());

    private static void Add(Dictionary<string, float> terms, string text, float weight)
    {
        var folded = Fold(text);
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (CjkCharacters.IsCjk(c))
            {
                var start = i;
                while (i < folded.Length && CjkCharacters.IsCjk(folded[i]))
                {
                    i++;
                }

                if (i - start == 1)
                {
                    Count(terms, folded.Substring(start, 1), weight * 0.5f);
                }

                for (var j = start; j + 1 < i; j++)
                {
                    Count(terms, folded.Substring(j, 2), weight);
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                var word = new StringBuilder();
                while (i < folded.Length && !CjkCharacters.IsCjk(folded[i])
                       && (char.IsLetterOrDigit(folded[i]) || IsInsideNumber(folded, i) || IsInsideWord(folded, i)))
                {
                    // Keep a decimal point (6.4 is not 64); drop thousands separators and apostrophes (2,340 is 2340).
                    if (char.IsLetterOrDigit(folded[i]) || (folded[i] == '.' && IsInsideNumber(folded, i)))
                    {
                        word.Append(folded[i]);
                    }

                    i++;
                }

                var token = word.ToString();
                if (EnglishFunctionWords.Contains(token) || (token.Length == 1 && !char.IsDigit(token[0])))
                {
                    continue;
                }

                Count(terms, token, weight * NameOrNumberBoost);
            }
            else
            {
                i++;
            }
        }
    }

    // 2,340 and 3.5 are one number.
    private static bool IsInsideNumber(string text, int i) =>
        text[i] is ',' or '.' && i > 0 && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]);

    // U.S., don't: one word.
    private static bool IsInsideWord(string text, int i) =>
        text[i] is '\'' or '.' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);

    private static void Count(Dictionary<string, float> terms, string term, float weight)
    {
        ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(terms, term, out _);
        value += weight;
    }

}
