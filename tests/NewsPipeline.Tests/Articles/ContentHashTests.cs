using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Articles.Document;
using NewsPipeline.Core.Articles.Parsing;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// The content hash is SHA-256 of the article HTML's UTF-8, whatever way it is computed (now a few KB at a time): a
/// changed hash would make every stored article look edited.
/// </summary>
public sealed class ContentHashTests
{
    [Theory]
    [InlineData("<p>short</p>")]
    [InlineData("<p>中文与 emoji 😀 and a lone surrogate \uD800 here</p>")]
    [InlineData("long")]
    public void The_hash_is_SHA_256_of_the_UTF_8_bytes(string html)
    {
        // Over the one-shot limit: 4,095 ASCII bytes, a surrogate pair across the first 4 KB block, a lone low surrogate at the end.
        if (html == "long")
        {
            html = "<p>" + new string('x', 4092) + "😀" + string.Concat(Enumerable.Repeat("港口管理局表示 ", 20_000)) + "\uDC00</p>";
        }

        var article = new ArticleMetadataParser(new FakeTimeProvider()).Parse($"<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n{html}\n");

        Assert.Equal(ArticleDocumentReader.Read($"<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n{html}\n").Html, html);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html))), article.ContentHash);
    }
}
