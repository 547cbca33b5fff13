using System.Globalization;
using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Testing.Articles;

/// <summary>
/// Invented articles at a steady rate going back from <c>newest</c>, as an archive grows: more articles means more
/// months, not fuller months, so a page sees the same partitions at any archive size.
/// </summary>
internal static class SyntheticArticles
{
    public static readonly string[] Sources = ["basin", "valley", "harbour", "ridge", "plain"];
    private static readonly string[] Languages = ["en", "zh-Hans", "en", "zh-Hant", "other"];

    // A steady archive rate: 100,000 articles are about two years, so a bigger archive has more months, not fuller ones.
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    public static readonly DateTimeOffset Newest = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static IEnumerable<ArticleMetadata> Generate(int count) => Generate(count, Newest, Interval);

    /// <summary>One article every <paramref name="interval"/> from <paramref name="newest"/> backwards, sources in turn.</summary>
    public static IEnumerable<ArticleMetadata> Generate(int count, DateTimeOffset newest, TimeSpan interval)
    {
        for (var i = 0; i < count; i++)
        {
            var source = Sources[i % Sources.Length];
            var url = string.Create(CultureInfo.InvariantCulture, $"https://{source}.example/news/{i}");
            var published = newest - (interval * i);
            yield return new ArticleMetadata
            {
                Id = ArticleId.FromUrl(url),
                Url = url,
                Title = string.Create(CultureInfo.InvariantCulture, $"Story {i} from {source}"),
                Source = source,
                Site = source + ".example",
                FeedPublished = published,
                Published = published,
                PublishedOrigin = PublishedOrigin.Comment,
                Summary = string.Create(CultureInfo.InvariantCulture, $"What happened in story {i}, told in one sentence."),
                Language = Languages[(i / Sources.Length) % Languages.Length],
                Paragraphs = 5,
                Characters = 1800,
                Words = 320,
                ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url)))[..16],
                BlobName = null,
                ParserVersion = 1,
            };
        }
    }
}
