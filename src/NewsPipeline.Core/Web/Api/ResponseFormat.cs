namespace NewsPipeline.Core.Web.Api;

/// <summary>The representations of a page of items.</summary>
public enum ResponseFormat
{
    /// <summary><c>{ items, next }</c>, the default.</summary>
    Json,

    /// <summary>JSON Feed 1.1 (<c>Accept: application/feed+json</c> or <c>format=jsonfeed</c>).</summary>
    JsonFeed,

    /// <summary>RSS 2.0 (<c>format=rss</c> or <c>Accept: application/rss+xml</c>).</summary>
    Rss,
}
