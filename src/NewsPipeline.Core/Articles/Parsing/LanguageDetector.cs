namespace NewsPipeline.Core.Articles.Parsing;

/// <summary>
/// Decides an article's language from its text: Chinese (simplified or traditional), English, or other.
/// Feeds' own language tags are often wrong or missing (one outlet serves both scripts under <c>zh</c>).
/// </summary>
public static class LanguageDetector
{
    // Characters that exist in only one of the two scripts and are frequent in news prose.
    private const string SimplifiedOnly = "这说国们会对时来为发过还进关与经动现长问门东车见议军报让总统华记际战认区题统将议员处实难这种业权务";
    private const string TraditionalOnly = "這說國們會對時來為發過還進關與經動現長問門東車見議軍報讓總統華記際戰認區題統將議員處實難這種業權務";

    private static readonly string[] EnglishWords = [" the ", " and ", " of ", " to ", " in ", " is ", " that ", " for ", " was ", " on "];

    public static string Detect(string text, TextStatistics statistics)
    {
        if (statistics.Characters == 0)
        {
            return "other";
        }

        if (statistics.CjkCharacters * 4 >= statistics.Characters)
        {
            int simplified = 0, traditional = 0;
            foreach (var c in text)
            {
                if (SimplifiedOnly.Contains(c, StringComparison.Ordinal))
                {
                    simplified++;
                }
                else if (TraditionalOnly.Contains(c, StringComparison.Ordinal))
                {
                    traditional++;
                }
            }

            if (simplified == traditional)
            {
                return "zh";
            }

            return simplified > traditional ? "zh-Hans" : "zh-Hant";
        }

        if (statistics.LatinLetters * 2 >= statistics.Characters)
        {
            var padded = " " + text.ToLowerInvariant() + " ";
            var hits = EnglishWords.Sum(word => CountOf(padded, word));
            return hits * 20 >= statistics.Words ? "en" : "other";
        }

        return "other";
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length - 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
