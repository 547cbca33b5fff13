using System.Net;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Feeds.Fetching;

/// <summary>The bytes of one feed response.</summary>
public sealed record FeedResponse(byte[] Content, Uri? BaseUri, int? Status);

/// <summary>Reads a feed over HTTP (through the resilient client configured in DI) or from a local file.</summary>
public sealed class FeedFetcher(HttpClient http, IOptions<FetchOptions> options)
{
    public const string HttpClientName = "feeds";

    public async Task<FeedResponse> FetchAsync(FeedSource feed, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(feed.Location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return await FetchHttpAsync(uri, cancellationToken).ConfigureAwait(false);
        }

        var path = uri is { IsFile: true } ? uri.LocalPath : Path.GetFullPath(feed.Location);
        if (!File.Exists(path))
        {
            throw new FeedFetchException($"Feed file '{path}' does not exist.");
        }

        if (new FileInfo(path).Length > options.Value.MaxFeedBytes)
        {
            throw new FeedFetchException($"Feed file '{path}' is larger than the {options.Value.MaxFeedBytes:N0}-byte limit (Fetch__MaxFeedBytes).");
        }

        return new FeedResponse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), new Uri(path), null);
    }

    private async Task<FeedResponse> FetchHttpAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new FeedFetchException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.", (int)response.StatusCode);
            }

            var content = await ReadCappedAsync(response, uri, cancellationToken).ConfigureAwait(false);
            return new FeedResponse(content, response.RequestMessage?.RequestUri ?? uri, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FeedFetchException($"Request to {uri} failed: {e.Message}", null, e);
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        var cap = options.Value.MaxFeedBytes;
        if (response.Content.Headers.ContentLength > cap)
        {
            throw new FeedFetchException($"{uri} sent {response.Content.Headers.ContentLength:N0} bytes, over the {cap:N0}-byte limit (Fetch__MaxFeedBytes).", (int)response.StatusCode);
        }

        // Content-Length can be absent or wrong: count while reading, and stop at the cap.
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                throw new FeedFetchException($"{uri} sent more than the {cap:N0}-byte limit (Fetch__MaxFeedBytes).", (int)HttpStatusCode.OK);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
