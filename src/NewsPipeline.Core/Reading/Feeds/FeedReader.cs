using System.Text.Json;
using System.Xml;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Reading.Feeds.Atom;
using NewsPipeline.Core.Reading.Feeds.Encoding;
using NewsPipeline.Core.Reading.Feeds.JsonFeed;
using NewsPipeline.Core.Reading.Feeds.Rss;
using NewsPipeline.Core.Reading.Feeds.Xml;

namespace NewsPipeline.Core.Reading.Feeds;

/// <summary>Reads RSS (0.9x, 1.0/RDF, 2.0), Atom and JSON Feed documents into one model.</summary>
public static class FeedReader
{
    /// <summary>Parses a feed; throws <see cref="FeedFormatException"/> with the reason when it is not one.</summary>
    /// <param name="baseUri">The feed's address, against which relative links are resolved.</param>
    /// <param name="httpCharset">The charset of the response's Content-Type, used when the document does not declare one.</param>
    public static ParsedFeed Read(ReadOnlySpan<byte> content, Uri? baseUri, string? httpCharset = null) =>
        Read(content.ToArray(), baseUri, httpCharset);

    /// <inheritdoc cref="Read(ReadOnlySpan{byte}, Uri?, string?)"/>
    public static ParsedFeed Read(byte[]? content, Uri? baseUri, string? httpCharset = null)
    {
        content ??= [];
        var start = FirstSignificantByte(content);
        if (start < 0)
        {
            throw new FeedFormatException("The response is empty.");
        }

        if (content[start] == (byte)'{')
        {
            return ReadJson(content.AsSpan(start), baseUri);
        }

        // Most feeds are plain UTF-8 XML: the reader takes the bytes as they are, without a decoded copy. The rest
        // (legacy encodings, HTML entities) are decoded and repaired as text first.
        if (FeedDecoder.IsPlainUtf8(content.AsSpan(start), httpCharset) && !HtmlEntityRewriter.MayNeedRewrite(content.AsSpan(start)))
        {
            return ReadXml(() => XmlReader.Create(new MemoryStream(content, start, content.Length - start, writable: false), SafeXmlSettings), baseUri);
        }

        // Whitespace before the XML declaration is an error to XML but common in feeds written by templates.
        var text = HtmlEntityRewriter.Rewrite(FeedDecoder.Decode(content, httpCharset).TrimStart());
        return ReadXml(() => XmlReader.Create(new StringReader(text), SafeXmlSettings), baseUri);
    }

    // One forward-only pass: no document tree is built (only Atom xhtml content is kept as a tree, to be written back
    // as markup). The whole document is read, to its end, before anything is returned or refused for its shape, so a
    // document that is not well-formed is refused as such wherever the fault is.
    private static ParsedFeed ReadXml(Func<XmlReader> open, Uri? baseUri)
    {
        try
        {
            using var reader = open();
            var pass = new XmlPass(reader);
            if (!pass.MoveToRoot())
            {
                throw new FeedFormatException("The XML document has no root element.");
            }

            switch (reader.LocalName)
            {
                case "rss" or "RDF":
                    return RssAdapter.Read(pass, baseUri);
                case "feed":
                    return AtomAdapter.Read(pass, baseUri);
                default:
                    var root = reader.LocalName;
                    pass.ReadToEnd();
                    throw new FeedFormatException($"The root element <{root}> is not <rss>, <rdf:RDF> or <feed>: this is not a feed.");
            }
        }
        catch (XmlException e)
        {
            throw new FeedFormatException($"Not well-formed XML: {InputErrors.Xml(e)}", e);
        }
    }

    private static ParsedFeed ReadJson(ReadOnlySpan<byte> content, Uri? baseUri)
    {
        try
        {
            return JsonFeedAdapter.Read(content, baseUri);
        }
        catch (JsonException e)
        {
            throw new FeedFormatException($"Not valid JSON: reading stops {InputErrors.JsonPosition(e)} (a syntax error, or arrays and objects nested more than {JsonFeedAdapter.MaxDepth} deep)", e);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            throw new FeedFormatException("Not valid JSON: a string is not valid UTF-8.", e);
        }
    }

    // DTDs are never processed: no external entities, no entity expansion (billion laughs). A feed that merely
    // declares a DOCTYPE (RSS 0.91) still reads because Ignore skips the declaration instead of refusing it.
    private static readonly XmlReaderSettings SafeXmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static int FirstSignificantByte(ReadOnlySpan<byte> content)
    {
        var offset = content.StartsWith("\uFEFF"u8) ? 3 : content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? 2 : 0;
        for (var i = offset; i < content.Length; i++)
        {
            if (content[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return i;
            }
        }

        return -1;
    }
}
