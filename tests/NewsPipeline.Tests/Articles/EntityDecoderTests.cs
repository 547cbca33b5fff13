using System.Text;
using HtmlAgilityPack;
using NewsPipeline.Core.Reading.Articles.Parsing;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// The parser decodes text nodes' entities itself, into a buffer; what it stores must stay what HtmlAgilityPack's
/// <see cref="HtmlEntity.DeEntitize"/> gives, so every case is held to DeEntitize, quirks included.
/// </summary>
public sealed class EntityDecoderTests
{
    [Theory]
    [InlineData("Officials &amp; unions")]
    [InlineData("&quot;quoted&quot; &lt;b&gt; &nbsp;&euro;&rsaquo;")]
    [InlineData("curly &#8217; &#x2019; &#X2019; &#039; &#0065;")]
    [InlineData("astral &#128512; &#x1F600; stays as text")]
    [InlineData("unknown &foo; &AMP; &Amp; &amp")]
    [InlineData("no name &; and &&amp; and &a&b;")]
    [InlineData("too long &verylongname; &abcdefghi; &abcdefghij;")]
    [InlineData("odd numbers &#; &#x; &# 65; &#65 ; &#6 5; &#-5; &#+66; &#x0x41; &#xZZ; &#99999999;")]
    [InlineData("ends with &")]
    [InlineData("ends inside &am")]
    [InlineData("&")]
    [InlineData("")]
    [InlineData("中文&mdash;标点&hellip;")]
    public void Text_decodes_as_DeEntitize_decodes_it(string text) => Assert.Equal(HtmlEntity.DeEntitize(text), Decode(text));

    [Fact]
    public void Generated_text_decodes_as_DeEntitize_decodes_it()
    {
        // Pieces that make every state of the decoder meet every other: entity starts and ends, names known and not,
        // numbers in both bases, signs, spaces and overflows, and names around the length DeEntitize gives up at.
        string[] pieces = ["&", ";", "#", "x", "X", "0", "4", "9", "F", "a", "amp", "nbsp", "quot", "euro", "lt", " ", "-", "+", "1234567", "zzzzzzzz", "é", "港"];
        var random = new Random(20261203);
        for (var round = 0; round < 20_000; round++)
        {
            var text = new StringBuilder();
            for (int i = 0, count = random.Next(1, 30); i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var input = text.ToString();
            Assert.True(HtmlEntity.DeEntitize(input) == Decode(input), $"decoded differently: {input}");
        }
    }

    [Fact]
    public void Every_entity_HtmlAgilityPack_knows_decodes_as_it_does()
    {
        foreach (var name in HtmlEntity.EntityValue.Keys)
        {
            Assert.Equal(HtmlEntity.DeEntitize($"a&{name};b"), Decode($"a&{name};b"));
        }
    }

    private static string Decode(string text)
    {
        using var buffer = new TextBuffer(4);
        EntityDecoder.Decode(text, buffer);
        return buffer.Span.ToString();
    }
}
