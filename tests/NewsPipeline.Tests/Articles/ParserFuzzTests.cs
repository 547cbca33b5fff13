using System.Text;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Tests.Infrastructure;

using NewsPipeline.Core.Reading;

namespace NewsPipeline.Tests.Articles;

/// <summary>
/// The parser under hostile and broken input: the golden documents mutated (truncated, shuffled, bytes flipped, tags
/// nested without end, bodies of 10 MB) with a fixed seed so a failure reproduces. Each result is metadata or an
/// <see cref="ArticleFormatException"/>, which the parse stage records; nothing else may escape.
/// </summary>
[Collection(MemoryMeasurement.Name)]
public sealed class ParserFuzzTests
{
    private const int Seed = 20261126;
    private const int MutatedDocuments = 10_000;
    private const int TenMegabytes = 10 * 1024 * 1024;

    [Fact]
    public void Ten_thousand_mutated_documents_give_metadata_or_a_format_error_and_nothing_else()
    {
        var parser = new ArticleMetadataParser(new FakeTimeProvider());
        var mutator = new Mutator(new Random(Seed), Corpus());
        int parsed = 0, refused = 0;

        for (var i = 0; i < MutatedDocuments; i++)
        {
            var (kind, text) = mutator.Next();
            switch (Classify(parser, text))
            {
                case ArticleMetadata article:
                    Assert.False(string.IsNullOrWhiteSpace(article.Title), $"#{i} ({kind}): empty title");
                    Assert.True(Uri.IsWellFormedUriString(article.Url, UriKind.Absolute) || Uri.TryCreate(article.Url, UriKind.Absolute, out _), $"#{i} ({kind}): url {article.Url}");
                    Assert.True(article.Summary is null || article.Summary.Length <= SummaryBuilder.MaxLength, $"#{i} ({kind}): summary too long");
                    parsed++;
                    break;
                case ArticleFormatException error:
                    Assert.False(string.IsNullOrWhiteSpace(error.Message), $"#{i} ({kind}): a failure without a reason");
                    refused++;
                    break;
                case Exception other:
                    Assert.Fail($"#{i} ({kind}) let {other.GetType().Name} escape: {other.Message}\n{Shorten(text)}");
                    break;
            }
        }

        // Both outcomes occur: the mutations neither all break the documents nor all leave them intact.
        Assert.Equal(MutatedDocuments, parsed + refused);
        Assert.InRange(parsed, MutatedDocuments / 10, MutatedDocuments - (MutatedDocuments / 10));
    }

    [Fact]
    public void Ten_megabyte_bodies_and_deep_nesting_are_handled_within_bounded_memory()
    {
        var parser = new ArticleMetadataParser(new FakeTimeProvider());
        var random = new Random(Seed);
        const string header = "<!--1795507200000-->\n[Big](https://news.example/big)\n------\n\n";
        var paragraphs = new StringBuilder(TenMegabytes + 1024);
        while (paragraphs.Length < TenMegabytes)
        {
            paragraphs.Append("<p>港口小镇 harbour town ").Append(random.Next()).Append(" &amp; more text.</p>");
        }

        var randomBytes = new byte[TenMegabytes];
        random.NextBytes(randomBytes);
        (string Kind, string Text)[] documents =
        [
            ("10 MB of paragraphs", header + paragraphs),
            ("10 MB of one text node", header + new string('字', TenMegabytes)),
            ("10 MB of random bytes", Encoding.UTF8.GetString(randomBytes)),
            ("10 MB of random bytes after a header", header + Encoding.UTF8.GetString(randomBytes)),
            ("10 MB of unclosed inline tags", header + Repeat("<b>x", TenMegabytes / 4)),
            ("10 MB of closed nested divs", header + Repeat("<div>", 100_000) + "x" + Repeat("</div>", 100_000) + Repeat("<p>y</p>", TenMegabytes / 8)),
            ("a page of 10 MB", "<!DOCTYPE html><html><head><meta property=\"og:title\" content=\"Big\"><meta property=\"og:url\" content=\"https://news.example/p\"></head><body>" + paragraphs + "</body></html>"),
            ("a page nested 50,000 deep", "<!DOCTYPE html><html><head><title>t</title><link rel=\"canonical\" href=\"https://news.example/n\"></head><body>" + Repeat("<span>", 50_000) + "</body></html>"),
            ("nested just under the limit", header + Repeat("<div>", SafeHtml.MaxNesting - 10) + "<p>deep but fine</p>"),
        ];

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        foreach (var (kind, text) in documents)
        {
            var result = Classify(parser, text);
            Assert.True(result is ArticleMetadata or ArticleFormatException, $"{kind}: {result}");
            peak = Math.Max(peak, GC.GetGCMemoryInfo().HeapSizeBytes);
        }

        Assert.IsType<ArticleMetadata>(Classify(parser, documents[0].Text));
        Assert.IsType<ArticleMetadata>(Classify(parser, documents[^1].Text));
        Assert.IsType<ArticleFormatException>(Classify(parser, documents[4].Text));
        // A 10 MB document (20 MB of UTF-16) costs a few hundred MB of DOM at most, and all of it is released afterwards.
        Assert.True(peak < 2L * 1024 * 1024 * 1024, $"the heap reached {peak / 1024 / 1024} MB");
        documents = [];
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - baseline < 64 * 1024 * 1024, "memory was not released after parsing");
    }

    [Fact]
    public async Task Through_the_parse_stage_each_mutated_document_becomes_rows_or_a_recorded_failure()
    {
        await using var pipeline = await TestPipeline.CreateAsync(feeds: string.Empty);
        var parse = pipeline.Get<ParseService>();
        var index = pipeline.Get<ArticleIndexStore>();
        var mutator = new Mutator(new Random(Seed + 1), Corpus());
        var failed = new List<string>();

        for (var i = 0; i < 150; i++)
        {
            var (_, text) = mutator.Next();
            var name = $"fuzz/2026/11/24/{i:D4}.md";
            var outcome = await parse.ParseAsync(name, text, CancellationToken.None);
            if (outcome.Succeeded)
            {
                Assert.Equal(name, (await index.GetAsync(outcome.Article!.Id, CancellationToken.None))?.BlobName);
            }
            else
            {
                failed.Add(name);
            }
        }

        var recorded = (await pipeline.Get<ParseFailureStore>().ListAsync(CancellationToken.None).ToListAsync()).Select(f => f.BlobName);
        Assert.NotEmpty(failed);
        Assert.Equal(failed.Order(StringComparer.Ordinal), recorded.Order(StringComparer.Ordinal));
    }

    private static object Classify(ArticleMetadataParser parser, string text)
    {
        try
        {
            return parser.Parse(text, "fuzz/2026/11/24/x.md");
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static List<string> Corpus() =>
        Directory.EnumerateFiles(RepositoryPaths.Fixture("articles"))
            .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Ways real archives and hostile uploads break documents.</summary>
    private sealed class Mutator(Random random, List<string> corpus)
    {
        private static readonly string[] Fragments =
        [
            "<p>", "</p>", "<div>", "</div>", "<i>", "<br>", "<!--", "-->", "[", "]", "(", ")", "------", "\n", "\r", "&nbsp;",
            "&#x0;", "&#99999999;", "<img src=", "<a href=\"javascript:x\">", "<script>", "<![CDATA[", "]]>", "<!DOCTYPE html>",
            "<meta property=\"og:url\" content=\"\">", "<script type=\"application/ld+json\">{\"@type\":[[[[", "日期：", "---\n",
            "\u0000", "\uFEFF", "\uD800", "\u3000", "\u00A0", "<time datetime=\"9999-99-99\">", "<!--99999999999999-->",
        ];

        public (string Kind, string Text) Next()
        {
            var source = corpus[random.Next(corpus.Count)];
            return random.Next(10) switch
            {
                0 => ("truncated", source[..random.Next(source.Length + 1)]),
                1 => ("lines shuffled", string.Join('\n', source.Split('\n').OrderBy(_ => random.Next()))),
                2 => ("bytes flipped", FlipBytes(source, 1 + random.Next(20))),
                3 => ("fragments inserted", Insert(source, 1 + random.Next(15))),
                4 => ("deeply nested", Nest(source)),
                5 => ("random bytes", RandomBytes(random.Next(1, 4096))),
                6 => ("chunks shuffled", ShuffleChunks(source)),
                7 => ("characters deleted", Delete(source, 1 + random.Next(40))),
                8 => ("two documents spliced", Splice(source, corpus[random.Next(corpus.Count)])),
                _ => ("intact", source),
            };
        }

        private string Splice(string first, string second) => first[..random.Next(first.Length + 1)] + second[random.Next(second.Length + 1)..];

        private string FlipBytes(string text, int count)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var i = 0; i < count && bytes.Length > 0; i++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            return Encoding.UTF8.GetString(bytes);
        }

        private string Insert(string text, int count)
        {
            var builder = new StringBuilder(text);
            for (var i = 0; i < count; i++)
            {
                builder.Insert(random.Next(builder.Length + 1), Fragments[random.Next(Fragments.Length)]);
            }

            return builder.ToString();
        }

        private string Nest(string text)
        {
            var tag = new[] { "div", "b", "span", "table", "ul", "blockquote", "font", "a", "p", "li", "td" }[random.Next(11)];
            var depth = random.Next(2) == 0 ? random.Next(50, SafeHtml.MaxNesting) : random.Next(SafeHtml.MaxNesting, 20_000);
            var at = text.IndexOf("------", StringComparison.Ordinal) is var dashes and >= 0 ? dashes + 6 : random.Next(text.Length + 1);
            var nested = new StringBuilder().Insert(0, $"<{tag}>", depth);
            if (random.Next(2) == 0)
            {
                nested.Append('x').Insert(nested.Length, $"</{tag}>", depth);
            }

            return text[..at] + "\n" + nested + text[at..];
        }

        private string RandomBytes(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return Encoding.UTF8.GetString(bytes);
        }

        private string ShuffleChunks(string text)
        {
            var size = Math.Max(1, text.Length / (2 + random.Next(10)));
            return string.Concat(text.Chunk(size).Select(c => new string(c)).OrderBy(_ => random.Next()));
        }

        private string Delete(string text, int count)
        {
            var builder = new StringBuilder(text);
            for (var i = 0; i < count && builder.Length > 0; i++)
            {
                builder.Remove(random.Next(builder.Length), 1);
            }

            return builder.ToString();
        }
    }
}
