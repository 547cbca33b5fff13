using NewsPipeline.Core.Model.Articles;

namespace NewsPipeline.Core.Web.Api.Formats;

/// <summary>What a feed document of one page needs: its items with their sanitized HTML, and its own URLs.</summary>
internal sealed record FeedPage(
    string Title,
    string FeedUrl,
    string? NextUrl,
    IReadOnlyList<ArticleMetadata> Items,
    IReadOnlyDictionary<string, string> Html);
