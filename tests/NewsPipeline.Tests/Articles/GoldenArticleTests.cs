using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// A catalogue of documents as real archives hold them (Fixtures/articles, one per variant or trap, each beside the
/// metadata it must give in <c>*.expected.json</c>), asserted field by field.
/// </summary>
public sealed class GoldenArticleTests
{
    /// <summary>The parse time, which documents without any date fall back to.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    // Every field is asserted: the ones computed (id, hash) by rule below, the rest from the expected file.
    private static readonly string[] ComputedFields = ["id", "contentHash", "blobName", "parserVersion", "contentHtml"];

    public static TheoryData<string> Documents() => new(DocumentNames());

    private static List<string> DocumentNames() =>
        Directory.EnumerateFiles(RepositoryPaths.Fixture("articles"))
            .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f)!)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_catalogue_holds_at_least_forty_documents_each_with_its_expected_metadata()
    {
        var documents = DocumentNames();

        Assert.True(documents.Count >= 40, $"only {documents.Count} golden documents");
        Assert.All(documents, name => Assert.True(File.Exists(ExpectedPath(name)), $"{name} has no {Path.GetFileName(ExpectedPath(name))}"));
        Assert.Contains(documents, d => d.EndsWith(".html", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Each_document_gives_its_expected_metadata_field_by_field(string name)
    {
        var text = File.ReadAllText(RepositoryPaths.Fixture("articles", name));
        var expected = JsonNode.Parse(File.ReadAllText(ExpectedPath(name)))!.AsObject();

        var article = new ArticleMetadataParser(new FakeTimeProvider(Now)).Parse(text);
        var actual = JsonNode.Parse(MetadataJson.Serialize(article))!.AsObject();

        foreach (var (field, value) in actual)
        {
            if (ComputedFields.Contains(field))
            {
                continue;
            }

            Assert.True(expected.ContainsKey(field), $"{name}: the expected file does not state '{field}'");
            Assert.True(JsonNode.DeepEquals(expected[field], value),
                $"{name}: {field} is {value?.ToJsonString() ?? "null"}, expected {expected[field]?.ToJsonString() ?? "null"}");
        }

        Assert.Equal(ArticleId.FromUrl(article.Url), article.Id);
        Assert.Matches("^[0-9a-f]{32}$", article.ContentHash);
        Assert.Null(article.BlobName);
        Assert.Equal(ArticleMetadataParser.Version, article.ParserVersion);
        Assert.True(article.Summary is null || (article.Summary.Length <= SummaryBuilder.MaxLength && !HasLoneSurrogate(article.Summary)), $"{name}: summary too long or split a character");
    }

    [Fact]
    public void The_content_hash_follows_the_article_body_not_its_header()
    {
        var parser = new ArticleMetadataParser(new FakeTimeProvider(Now));
        var a = parser.Parse("<!--1795507200000-->\n[One title](https://news.example/a)\n------\n\n<p>Same body.</p>");
        var b = parser.Parse("<!--1795512600000-->\n[Another title](https://news.example/b)\n------\n\n<p>Same body.</p>");
        var c = parser.Parse("<!--1795507200000-->\n[One title](https://news.example/a)\n------\n\n<p>Changed body.</p>");

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
    }

    [Fact]
    public void A_stored_article_without_any_date_keeps_the_day_its_blob_is_filed_under()
    {
        var text = File.ReadAllText(RepositoryPaths.Fixture("articles", "36-date-line-variant-unreadable-date.md"));

        var article = new ArticleMetadataParser(new FakeTimeProvider(Now)).Parse(text, "gangkou/2026/11/20/x.md");

        Assert.Equal(PublishedOrigin.Fallback, article.PublishedOrigin);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal("gangkou", article.Source);
    }

    [Fact]
    public void The_configured_parser_version_is_stamped_on_the_metadata()
    {
        var text = File.ReadAllText(RepositoryPaths.Fixture("articles", "01-exact-rfc1123-header.md"));

        var article = new ArticleMetadataParser(TimeProvider.System, new ParserOptions { Version = ArticleMetadataParser.Version + 7 }).Parse(text);

        Assert.Equal(ArticleMetadataParser.Version + 7, article.ParserVersion);
    }

    private static string ExpectedPath(string name) =>
        RepositoryPaths.Fixture("articles", Path.GetFileNameWithoutExtension(name) + ".expected.json");

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && (i + 1 == text.Length || !char.IsLowSurrogate(text[++i])))
            {
                return true;
            }

            if (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
            {
                return true;
            }
        }

        return false;
    }
}
