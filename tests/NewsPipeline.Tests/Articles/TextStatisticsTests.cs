using System.Text;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// The parser counts an article's text node by node and never joins it: the counts must be those of the joined text,
/// and the language decided from them the one the text itself gives.
/// </summary>
public sealed class TextStatisticsTests
{
    // English function words and other words, digits, apostrophes and hyphens inside and outside words, CJK of both
    // scripts, kana, Hangul, accented Latin, Cyrillic, white space of several kinds, punctuation: every branch of the
    // count, and texts on both sides of the one-in-twenty English threshold.
    private static readonly string[] Tokens =
    [
        "the", "and", "of", "to", "in", "is", "that", "for", "was", "on", "The", "THAT", "oN", "thy", "fo", "wass", "ons", "ferry", "pier's", "well-known", "harbour", "2026", "x7", "'", "-", "’s",
        "é", "Ñandú", "Жук", "这", "這", "国", "國", "字", "港口", "かな", "한", " ", "  ", "\t", "\n", "\u00A0", "\u3000", ",", "!", "“", "”",
    ];

    [Fact]
    public void Texts_counted_one_after_another_give_the_counts_of_the_texts_joined_by_spaces()
    {
        var random = new Random(20261203);
        for (var round = 0; round < 500; round++)
        {
            var texts = Enumerable.Range(0, random.Next(1, 12)).Select(_ => RandomText(random)).ToArray();
            var counter = default(TextStatistics.Counter);
            foreach (var text in texts)
            {
                counter.Add(text);
            }

            var joined = string.Join(' ', texts);
            var whole = TextStatistics.Of(joined);
            Assert.Equal(whole, counter.Statistics);
            Assert.Equal(whole.SimplifiedOnly, counter.Statistics.SimplifiedOnly);
            Assert.Equal(whole.TraditionalOnly, counter.Statistics.TraditionalOnly);
            Assert.Equal(EnglishFunctionWordsByScanning(joined), counter.Statistics.EnglishFunctionWords);
        }
    }

    [Fact]
    public void Every_character_outside_ASCII_is_counted_as_the_char_class_methods_classify_it()
    {
        for (var c = '\u0080'; c < char.MaxValue; c++)
        {
            var statistics = TextStatistics.Of(c.ToString());
            var cjk = NewsPipeline.Core.Reading.Text.CjkCharacters.IsCjk(c);
            var counted = cjk || !char.IsWhiteSpace(c);
            var expected = new TextStatistics(
                Characters: counted ? 1 : 0,
                Words: cjk || (counted && char.IsLetterOrDigit(c)) ? 1 : 0,
                CjkCharacters: cjk ? 1 : 0,
                LatinLetters: !cjk && c < 0x250 && char.IsLetter(c) ? 1 : 0)
            {
                SimplifiedOnly = statistics.SimplifiedOnly,
                TraditionalOnly = statistics.TraditionalOnly,
            };

            Assert.True(expected == statistics, $"U+{(int)c:X4}: {statistics}");
        }
    }

    [Fact]
    public void English_function_words_are_whole_runs_of_letters_that_start_with_an_ASCII_letter()
    {
        Assert.Equal(0, TextStatistics.Of("there théâtre the港口 ofé Thefts").EnglishFunctionWords);
        Assert.Equal(7, TextStatistics.Of("The. the7 THE's, éthe «of» to—in").EnglishFunctionWords);
        Assert.Equal(1, TextStatistics.Of("is").EnglishFunctionWords);
    }

    [Theory]
    [InlineData("The ferry left the pier and the town was quiet in the rain.", "en")]
    [InlineData("Die Fähre verließ den Pier, und die Stadt war still im Regen.", "other")]
    [InlineData("港口管理局表示，新时刻表将从十二月开始实行。这是国家的决定。", "zh-Hans")]
    [InlineData("港口管理局表示，新時刻表將從十二月開始實行。這是國家的決定。", "zh-Hant")]
    public void The_language_follows_the_counts(string text, string language)
    {
        var statistics = TextStatistics.Of(text);

        Assert.Equal(language, LanguageDetector.Detect(statistics));
    }

    // The count as the language detector used to take it, by a second scan of the whole text: a word starts at an ASCII
    // letter and runs while letters follow.
    private static int EnglishFunctionWordsByScanning(string text)
    {
        string[] words = ["the", "and", "of", "to", "in", "is", "that", "for", "was", "on"];
        var count = 0;
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            count += words.Contains(text[start..i], StringComparer.OrdinalIgnoreCase) ? 1 : 0;
        }

        return count;
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(0, 30); i > 0; i--)
        {
            text.Append(Tokens[random.Next(Tokens.Length)]);
            if (random.Next(3) > 0)
            {
                text.Append(' ');
            }
        }

        return text.ToString();
    }
}
