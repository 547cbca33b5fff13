using System.IO.Hashing;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// The content hash is XXH3-128 of the article HTML's UTF-16 code units (little-endian), in hex: computed in place over
/// the string, it must still equal the hash of those bytes written out, whatever the text holds (a lone surrogate
/// included, which an encoding to UTF-8 would have replaced). A hash that changed between parses would make every
/// stored article look edited.
/// </summary>
public sealed class ContentHashTests
{
    [Theory]
    [InlineData("<p>short</p>")]
    [InlineData("<p>中文与 emoji 😀 and a lone surrogate \uD800 here</p>")]
    [InlineData("long")]
    public void The_hash_is_XXH3_128_of_the_UTF_16_code_units(string html)
    {
        // A long text: ASCII, a surrogate pair, 160,000 characters of Chinese, a lone low surrogate at the end.
        if (html == "long")
        {
            html = "<p>" + new string('x', 4092) + "😀" + string.Concat(Enumerable.Repeat("港口管理局表示 ", 20_000)) + "\uDC00</p>";
        }

        var article = new ArticleMetadataParser(new FakeTimeProvider()).Parse($"<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n{html}\n");

        Assert.Equal(ArticleDocumentReader.Read($"<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n{html}\n").Html, html);
        // Each code unit as two bytes, low byte first, written out by hand: Encoding.Unicode would replace a lone surrogate.
        var codeUnits = html.SelectMany(c => new[] { (byte)c, (byte)(c >> 8) }).ToArray();
        Assert.Equal(Convert.ToHexStringLower(XxHash128.Hash(codeUnits)), article.ContentHash);
        Assert.Matches("^[0-9a-f]{32}$", article.ContentHash);
    }

    [Fact]
    public void Two_lone_surrogates_do_not_hash_alike()
    {
        var parser = new ArticleMetadataParser(new FakeTimeProvider());
        string Hash(string html) => parser.Parse($"<!--1795507200000-->\n[Title](https://news.example/a)\n------\n\n<p>{html}</p>\n").ContentHash;

        // UTF-8 would have written both as U+FFFD and given them one hash.
        Assert.NotEqual(Hash("\uD800"), Hash("\uDBFF"));
    }
}
