using System.Text;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Functions;
using NewsPipeline.Tests.Infrastructure;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Tests.Articles;

/// <summary>What each kind of bad input gets: a clear reason, never a crash, and the blob left as it was.</summary>
public sealed class ParseFailureTests
{
    [Theory]
    [InlineData("", "No '------' line")]
    [InlineData("Dear editor,\nplease find my letter attached.\n", "No '------' line")]
    [InlineData("<!--1795507200000-->\n[title only]\n------\n\n<p>x</p>", "is not '[title](url)'")]
    [InlineData("<!--1795507200000-->\n[A title](/relative/link)\n------\n\n<p>x</p>", "not an absolute URL")]
    [InlineData("---\ntitle: x\nauthor: y\n", "never closed")]
    [InlineData("<!DOCTYPE html><html><head><title>A page</title></head><body><p>text</p></body></html>", "does not say its address")]
    [InlineData("<html><head><meta property=\"og:url\" content=\"https://news.example/a\"></head><body></body></html>", "has no title")]
    public void A_document_that_is_not_an_article_gets_the_reason(string text, string reason)
    {
        var error = Assert.Throws<ArticleFormatException>(() => new ArticleMetadataParser(new FakeTimeProvider()).Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_nested_deeper_than_the_limit_are_refused_not_a_stack_overflow()
    {
        var body = new StringBuilder().Insert(0, "<div>", 200_000).Append("deep").ToString();

        var error = Assert.Throws<ArticleFormatException>(() =>
            new ArticleMetadataParser(new FakeTimeProvider()).Parse("<!--1795507200000-->\n[Deep](https://news.example/deep)\n------\n\n" + body));

        Assert.Contains("nests tags more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_blob_trigger_records_poison_input_once_per_delivery_leaves_the_blob_alone_and_does_not_throw()
    {
        await using var pipeline = await TestPipeline.CreateAsync(feeds: string.Empty);
        const string name = "imported/2026/11/24/letter.md";
        const string content = "Dear editor,\nthis is not an article.\n";
        Assert.True(await pipeline.Get<ArticleBlobStore>().TryCreateAsync(name, content, CancellationToken.None));
        var function = pipeline.Create<ParseArticle>();

        var first = await function.Run(content, name, null, CancellationToken.None);
        var second = await function.Run(content, name, null, CancellationToken.None);

        Assert.False(first.Succeeded);
        Assert.Contains("No '------' line", second.FailureReason, StringComparison.Ordinal);
        var failures = await pipeline.Get<ParseFailureStore>().ListAsync(CancellationToken.None).ToListAsync();
        var failure = Assert.Single(failures);
        Assert.Equal(name, failure.BlobName);
        Assert.Equal(2, failure.Attempts);
        Assert.Equal(ArticleMetadataParser.Version, failure.ParserVersion);
        Assert.Equal(content, await pipeline.Get<ArticleBlobStore>().ReadAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task A_document_over_the_size_cap_is_a_recorded_failure()
    {
        await using var pipeline = await TestPipeline.CreateAsync(feeds: string.Empty);
        var huge = "<!--1795507200000-->\n[Huge](https://news.example/huge)\n------\n\n" + new string('x', ParseService.MaxDocumentChars);

        var outcome = await pipeline.Get<ParseService>().ParseAsync("imported/2026/11/24/huge.md", huge, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("over the", outcome.FailureReason, StringComparison.Ordinal);
    }
}
