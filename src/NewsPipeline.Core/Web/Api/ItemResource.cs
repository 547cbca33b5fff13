using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Web.Api;

/// <summary>An article as the items API returns it.</summary>
public sealed record ItemResource(
    string Id,
    string Url,
    string Title,
    string Source,
    DateTimeOffset Published,
    string PublishedOrigin,
    DateTimeOffset? FeedPublished,
    string? Author,
    string? Image,
    string? ImageOriginal,
    string? Caption,
    string? Summary,
    string Language,
    int Words,
    string? BlobName,
    string? Story)
{
    public static ItemResource From(ArticleMetadata m) => new(
        m.Id, m.Url, m.Title, m.Source, m.Published, m.PublishedOrigin.ToString().ToLowerInvariant(), m.FeedPublished,
        m.Author, m.Image, m.ImageOriginal, m.Caption, m.Summary, m.Language, m.Words, m.BlobName, m.Story);
}

/// <summary>A page of items, newest first; <see cref="Next"/> is the URL of the next page, or null on the last one.</summary>
public sealed record ItemsPage(IReadOnlyList<ItemResource> Items, string? Next);

/// <summary>An article with everything the parse stage extracted (<c>GET /api/items/{id}</c>).</summary>
public sealed record ItemDetailResource(
    string Id,
    string Url,
    string Title,
    string Source,
    string? Site,
    DateTimeOffset Published,
    string PublishedOrigin,
    DateTimeOffset? FeedPublished,
    string? Author,
    string? Image,
    string? ImageOriginal,
    string? Caption,
    string? Summary,
    string Language,
    int Paragraphs,
    int Characters,
    int Words,
    IReadOnlyList<string> Links,
    IReadOnlyList<string> Categories,
    string ContentHash,
    string? BlobName,
    int ParserVersion,
    string? Story)
{
    public static ItemDetailResource From(ArticleMetadata m) => new(
        m.Id, m.Url, m.Title, m.Source, m.Site, m.Published, m.PublishedOrigin.ToString().ToLowerInvariant(), m.FeedPublished,
        m.Author, m.Image, m.ImageOriginal, m.Caption, m.Summary, m.Language, m.Paragraphs, m.Characters, m.Words, m.Links,
        m.Categories, m.ContentHash, m.BlobName, m.ParserVersion, m.Story);
}
