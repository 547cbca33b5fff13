using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Reading.Articles.Parsing;

/// <summary>Settings of the parser (section <c>Parser</c>).</summary>
public sealed class ParserOptions
{
    public const string Section = "Parser";

    /// <summary>
    /// The version stamped on every row. A setting rather than only the constant so that an operator (or a test) can
    /// force a full re-parse with <c>newsfeed reindex</c> without shipping a new build.
    /// </summary>
    public int Version { get; set; } = ArticleMetadataParser.Version;

    /// <summary>
    /// Whether the parser produces the sanitized <see cref="ArticleMetadata.ContentHtml"/> the feed formats serve. On in
    /// the pipeline; sanitizing costs more than extracting the metadata, so a tool that only wants the metadata may turn it off.
    /// </summary>
    public bool ContentHtml { get; set; } = true;
}
