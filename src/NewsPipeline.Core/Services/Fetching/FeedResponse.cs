namespace NewsPipeline.Core.Services.Fetching;

/// <summary>What a conditional GET of a feed returned.</summary>
/// <param name="Content">The body; null when <see cref="NotModified"/>.</param>
/// <param name="BaseUri">The final address after redirects, against which relative links resolve.</param>
/// <param name="Charset">The Content-Type charset, used when the document declares none.</param>
public sealed record FeedResponse(byte[]? Content, Uri? BaseUri, int? Status, string? Charset, string? ETag, string? LastModified)
{
    public bool NotModified => Status == 304;

    /// <summary>The server's <c>Cache-Control: max-age</c>: asking again sooner would only be answered from its cache.</summary>
    public TimeSpan? MaxAge { get; init; }
}

/// <summary>The validators of the last good response, sent back as If-None-Match / If-Modified-Since.</summary>
public sealed record FeedValidators(string? ETag, string? LastModified);
