using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Tests.Articles;

/// <summary>What the parser takes from a blob's metadata (<see cref="ArticleBlobMetadata"/>), and what it does without it.</summary>
public sealed class BlobMetadataParsingTests
{
    private static readonly DateTimeOffset Fetched = new(2026, 11, 25, 8, 30, 15, 123, TimeSpan.Zero);
    private static readonly ArticleMetadataParser Parser = new(TimeProvider.System);

    private static string Document(string html) => ArticleDocumentWriter.Write(Fetched, "t", "https://news.example/a", html);

    [Fact]
    public void A_document_dated_by_the_fetcher_says_fetched_and_without_the_metadata_says_header()
    {
        var text = Document("<p>Undated item.</p>");
        var metadata = ArticleBlobMetadata.For(true, null, null, null, []);

        var with = Parser.Parse(text, "odd/undated/" + new string('a', 40) + ".md", ArticleBlobMetadata.Read(metadata));
        var without = Parser.Parse(text, "odd/undated/" + new string('a', 40) + ".md");

        Assert.Equal((Fetched, PublishedOrigin.Fetched), (with.Published, with.PublishedOrigin));
        Assert.Equal(PublishedOrigin.Header, without.PublishedOrigin);
    }

    [Theory]
    [InlineData("Markets rally as inflation cools", "en", "en")]
    [InlineData("Markets rally as inflation cools", null, "other")]
    [InlineData("Markets rally as inflation cools", "fr", "other")]
    [InlineData("Les marchés progressent", "en-GB", "en")]
    [InlineData("Parliament passes the budget in a late vote", null, "en")]
    public void The_declared_language_decides_a_short_text(string text, string? declared, string expected)
    {
        var article = Parser.Parse(Document($"<p>{text}</p>"), null,
            ArticleBlobMetadata.Read(ArticleBlobMetadata.For(false, null, null, declared, [])));

        Assert.Equal(expected, article.Language);
    }

    [Fact]
    public void A_long_text_is_judged_by_itself_whatever_the_feed_declares()
    {
        const string spanish = "El gobierno anunció ayer un plan nuevo para las carreteras del norte, con obras que empiezan en marzo y terminan "
            + "antes del verano próximo, según dijo la ministra durante una visita a la región, donde los vecinos esperan desde hace "
            + "años una solución para los atascos diarios que sufren camino del trabajo y de la escuela cada mañana.";

        var article = Parser.Parse(Document($"<p>{spanish}</p>"), null, ArticleBlobMetadata.Read(ArticleBlobMetadata.For(false, null, null, "en", [])));

        Assert.Equal("other", article.Language);
    }

    [Fact]
    public void Categories_and_the_refused_date_round_trip_through_ascii_metadata()
    {
        var refused = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var metadata = ArticleBlobMetadata.For(true, null, refused, "zh-Hant", ["Politik, Inland", "政治", "A&B"]);

        Assert.All(metadata.Values, v => Assert.True(v.All(char.IsAscii), v));
        var read = ArticleBlobMetadata.Read(metadata.ToDictionary(p => p.Key.ToUpperInvariant(), p => p.Value));

        Assert.Equal(["Politik, Inland", "政治", "A&B"], read.Categories);
        Assert.Equal(refused, read.RefusedDate);
        Assert.Equal("zh-Hant", read.Language);
        Assert.True(read.DateIsFetchTime);
        Assert.Equal(["Politik, Inland", "政治", "A&B"], Parser.Parse(Document("<p>x</p>"), null, read).Categories);
    }

    [Theory]
    [InlineData("English")]
    [InlineData("en us")]
    [InlineData("<script>")]
    public void A_language_value_that_is_no_tag_is_not_stored(string language) =>
        Assert.False(ArticleBlobMetadata.For(false, null, null, language, []).ContainsKey(ArticleBlobMetadata.LanguageKey));
}
