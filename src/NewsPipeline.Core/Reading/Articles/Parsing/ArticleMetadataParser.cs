using System.Globalization;
using System.IO.Hashing;
using HtmlAgilityPack;
using NewsPipeline.Core.Model.Articles;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Articles.Document;
using NewsPipeline.Core.Reading.Dates;
using NewsPipeline.Core.Reading.Feeds.Encoding;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>
/// Extracts an article's metadata from an archived document (the seed format and its variants) or a full HTML page.
/// Either it returns the metadata or it throws <see cref="ArticleFormatException"/> with the reason: nothing else escapes.
/// </summary>
public sealed partial class ArticleMetadataParser
{
    /// <summary>Bumped whenever the parser's output changes, so that <c>newsfeed reindex</c> knows which rows are stale.</summary>
    /// <remarks>
    /// 2: full HTML pages, author, <c>author&lt;br&gt;date</c> headers, boilerplate skipped in summaries.
    /// 3: blob metadata read (fetched dates, the feed's language and categories); dates before 1970 read.
    /// 4: sanitized <see cref="ArticleMetadata.ContentHtml"/>; double-encoded UTF-8 repaired in titles and summaries;
    /// tracking pixels and ad images never the lead image; CST in a Chinese document is China Standard Time.
    /// 5: <see cref="ArticleMetadata.ContentHtml"/> written by the allow-list serializer (<see cref="ArticleHtml"/>): no
    /// style, class, target or form elements; unknown elements unwrapped rather than dropped with their text; lazy images' data-src.
    /// 6: <see cref="ArticleMetadata.ContentHash"/> is XXH3-128 of the HTML (32 hex digits), no longer SHA-256 (64).
    /// 7: <see cref="ArticleMetadata.ContentHtml"/> whenever the sanitized HTML fits the row (<see cref="ArticleHtml.MaxStoredLength"/>),
    /// however long the input (inputs over 128,000 characters were not sanitized), and null when it does not; paragraph
    /// text decoded text node by text node.
    /// 8: <see cref="ArticleMetadata.Title"/> and <see cref="ArticleMetadata.Author"/> are text: markup in them (written
    /// or escaped, <c>&lt;b&gt;</c>, <c>&amp;lt;script&amp;gt;</c>) is stripped, script and style contents dropped
    /// (<see cref="PlainText"/>); titles without markup are unchanged.
    /// </remarks>
    public const int Version = 8;

    private readonly TimeProvider clock;
    private readonly bool contentHtml;

    public ArticleMetadataParser(TimeProvider clock)
        : this(clock, new ParserOptions())
    {
    }

    public ArticleMetadataParser(TimeProvider clock, ParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clock = clock;
        ParserVersion = options.Version;
        contentHtml = options.ContentHtml;
    }

    /// <summary>The version this instance stamps on its output (<see cref="Version"/> unless configured otherwise).</summary>
    public int ParserVersion { get; }

    /// <summary>Parses a document's text; throws <see cref="ArticleFormatException"/> with the reason when it is not an article.</summary>
    /// <param name="blobName">The blob it was read from, whose first segment is the source it was fetched for.</param>
    /// <param name="blobMetadata">What the fetcher stored beside the document (<see cref="ArticleBlobMetadata"/>), if any.</param>
    public ArticleMetadata Parse(string text, string? blobName = null, ArticleBlobMetadata? blobMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        blobMetadata ??= ArticleBlobMetadata.None;
        try
        {
            var article = HtmlPageReader.IsHtmlPage(text) ? FromPage(HtmlPageReader.Read(text), blobName, blobMetadata) : FromArchive(text, blobName, blobMetadata);
            return blobMetadata.Categories.Count == 0 ? article : article with { Categories = blobMetadata.Categories };
        }
        catch (ArticleFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // HtmlAgilityPack and the URL and date helpers can throw on input nobody anticipated; poison input must
            // still come back as a recorded failure with a reason, never as a crash of the trigger.
            throw new ArticleFormatException($"The document could not be read ({e.GetType().Name}: {e.Message}).");
        }
    }

    private ArticleMetadata FromArchive(string text, string? blobName, ArticleBlobMetadata blobMetadata)
    {
        var document = ArticleDocumentReader.Read(text);
        var root = SafeHtml.Load(document.HtmlText).DocumentNode;
        var links = new LinkResolver(document.Url);
        using var texts = new DecodedText();
        var content = ArticleContent.Read(root, links, texts);
        var language = LanguageDetector.Detect(content.Statistics, document.FrontMatter?.GetValueOrDefault("lang") ?? blobMetadata.Language);
        var header = DateHeader.Read(root, document.RawDate, language);
        // The fetcher dated the document with its own clock (comment and header alike) and said so in the metadata:
        // that is the fetch time, whatever the header looks like.
        var (published, origin) = blobMetadata.DateIsFetchTime && document.FeedPublished is { } fetched
            ? (fetched, PublishedOrigin.Fetched)
            : ChoosePublished(document, header.Date, blobName, language);
        var (image, imageOriginal) = ArticleContent.FindImage(content.Images, links);

        return Build(links, document.Title, blobName, content) with
        {
            FeedPublished = document.FeedPublished,
            Published = published,
            PublishedOrigin = origin,
            Author = Author(document.FrontMatter?.GetValueOrDefault("author")) ?? (header.Author is { } byline ? NullIfEmpty(PlainText.Of(byline)) : null),
            Image = image,
            ImageOriginal = imageOriginal,
            Language = language,
            ContentHash = Hash(document.HtmlText.Span),
            ContentHtml = contentHtml ? ArticleHtml.SanitizeForStorage(root, links, texts) : null,
        };
    }

    private ArticleMetadata FromPage(HtmlArticlePage page, string? blobName, ArticleBlobMetadata blobMetadata)
    {
        var links = new LinkResolver(page.Url);
        using var texts = new DecodedText();
        var content = ArticleContent.Read(page.Body, links, texts);
        var metaImage = page.Image is null ? null : ArticleContent.Resolve(HtmlEntity.DeEntitize(page.Image), page.Url);
        var (image, imageOriginal) = metaImage is null ? ArticleContent.FindImage(content.Images, links) : (metaImage, ImageProxy.Unwrap(metaImage));
        var (published, origin) = page.Published is { } date
            ? (date.Value, page.PublishedSource switch
            {
                PageDateSource.JsonLd => PublishedOrigin.JsonLd,
                PageDateSource.Time => PublishedOrigin.Header,
                _ => PublishedOrigin.Meta,
            })
            : (Fallback(blobName), PublishedOrigin.Fallback);

        var article = Build(links, page.Title, blobName, content);
        return article with
        {
            Published = published,
            PublishedOrigin = origin,
            Author = Author(page.Author),
            Image = image,
            ImageOriginal = imageOriginal,
            Summary = article.Summary ?? (page.Description is { } description ? SummaryBuilder.Build(DoubleEncodedUtf8.Repair(description)) : null),
            Language = LanguageDetector.Detect(content.Statistics, page.DeclaredLanguage ?? blobMetadata.Language),
            ContentHash = Hash(page.BodyHtml),
            ContentHtml = contentHtml ? ArticleHtml.SanitizeForStorage(page.Body, links, texts) : null,
        };
    }

    // The resolver has parsed the article's address already: its host is the site.
    private ArticleMetadata Build(LinkResolver links, string title, string? blobName, ArticleContent content)
    {
        var url = links.ArticleUrl;
        var site = links.BaseUri?.Host;
        return new ArticleMetadata
        {
            Id = (blobName is null ? null : ArticleBlobName.IdOf(blobName)) ?? ArticleId.FromUrl(url, links.BaseUri),
            Url = url,
            Title = CleanTitle(title),
            Source = (blobName is null ? null : ArticleBlobName.SourceOf(blobName)) ?? SourceName.FromHost(site) ?? "unknown",
            Site = site,
            Published = DateTimeOffset.UnixEpoch,
            PublishedOrigin = PublishedOrigin.Fallback,
            Caption = content.Caption,
            Summary = content.SummaryParagraph is { } first ? SummaryBuilder.Build(DoubleEncodedUtf8.Repair(first)) : null,
            Language = "other",
            Paragraphs = content.Paragraphs,
            Characters = content.Statistics.Characters,
            Words = content.Statistics.Words,
            Links = content.Links,
            ContentHash = string.Empty,
            BlobName = blobName,
            ParserVersion = ParserVersion,
        };
    }

    private (DateTimeOffset, PublishedOrigin) ChoosePublished(ArticleDocument document, ParsedDate? header, string? blobName, string language)
    {
        // A header with a zone is the outlet's own statement of the publication time. A naive one has no
        // zone, so the comment's exact machine timestamp wins over it.
        if (header is { HasZone: true } zoned)
        {
            return (zoned.Value, PublishedOrigin.Header);
        }

        if (document.FeedPublished is { } feedPublished)
        {
            return (feedPublished, PublishedOrigin.Comment);
        }

        if (header is { } naive)
        {
            return (naive.Value, PublishedOrigin.Header);
        }

        if (LenientDateParser.TryParse(document.FrontMatter?.GetValueOrDefault("date"), language, out var frontMatterDate))
        {
            return (frontMatterDate.Value, PublishedOrigin.Meta);
        }

        return (Fallback(blobName), PublishedOrigin.Fallback);
    }

    // A stored article keeps the day its blob is filed under, so re-parsing it does not move it to today's page.
    private DateTimeOffset Fallback(string? blobName) =>
        blobName is not null && ArticleBlobName.FiledOn(blobName) is { } day
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : clock.GetUtcNow();

    // Archivers escape brackets in titles as Markdown does, and wrap long titles; the reader sees one plain line, as
    // text: markup a feed put in it (or escaped into it) is taken out (PlainText).
    private static string CleanTitle(string title) =>
        DoubleEncodedUtf8.Repair(PlainText.Of(TextCleaner.Clean(title.Replace("\\[", "[", StringComparison.Ordinal).Replace("\\]", "]", StringComparison.Ordinal))));

    private static string? Author(string? author) => author is null ? null : NullIfEmpty(PlainText.Of(TextCleaner.Clean(author)));

    private static string? NullIfEmpty(string text) => text.Length > 0 ? text : null;

    // XXH3-128 of the HTML's UTF-16 code units, little-endian, in lower-case hex. The hash only tells whether an article's
    // HTML changed between two parses, which needs no cryptographic strength: SHA-256 of the UTF-8 (parser version 5 and
    // before) was a noticeable share of a parse, XXH3 over the string as it is in memory is a small fraction of it and
    // encodes nothing (docs/decisions/0004-content-hash.md has the measurements).
    internal static string Hash(ReadOnlySpan<char> html)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(html);
        if (!BitConverter.IsLittleEndian)
        {
            // Code units byte-swapped by hand: Encoding.Unicode would replace a lone surrogate, and the hash must be of the text as it is.
            var swapped = new byte[bytes.Length];
            for (var i = 0; i < html.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(swapped.AsSpan(2 * i), html[i]);
            }

            bytes = swapped;
        }

        var hash = XxHash128.HashToUInt128(bytes);
        return hash.ToString("x32", CultureInfo.InvariantCulture);
    }
}
