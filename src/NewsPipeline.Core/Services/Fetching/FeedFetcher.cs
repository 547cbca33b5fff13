using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly;
using NewsPipeline.Core.Model.Feeds;

namespace NewsPipeline.Core.Services.Fetching;

/// <summary>
/// Reads a feed over HTTP through the resilient client configured in DI (or from a local file): conditional GET,
/// a time budget that covers the body as well as the headers, a size cap counted while reading, bounded redirects,
/// and 429/503 Retry-After turned into a time not to ask before. Unless <see cref="FetchOptions.AllowPrivateNetworks"/>,
/// the client's connect step (<see cref="PrivateNetworkGuard"/>) refuses private addresses, and that refusal is the feed's failure.
/// </summary>
public sealed class FeedFetcher(HttpClient http, IOptions<FetchOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "feeds";

    public async Task<FeedResponse> FetchAsync(FeedSource feed, FeedValidators? validators, CancellationToken cancellationToken)
    {
        var maxBytes = feed.MaxFeedBytes ?? options.Value.MaxFeedBytes;
        if (Uri.TryCreate(feed.Location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return await FetchHttpAsync(uri, feed, validators, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        var path = uri is { IsFile: true } ? uri.LocalPath : Path.GetFullPath(feed.Location);
        if (!File.Exists(path))
        {
            throw new FeedFetchException($"Feed file '{Path.GetFileName(path)}' does not exist (feed '{feed.Name}').");
        }

        var timeout = TimeSpan.FromSeconds(feed.TimeoutSeconds ?? options.Value.TimeoutSeconds);
        return new FeedResponse(await ReadLocalAsync(path, maxBytes, timeout, cancellationToken).ConfigureAwait(false), new Uri(path), null, null, null, null);
    }

    // A device or a pipe is no feed file, and its length says nothing: /dev/zero never ends (it ran the process out of
    // memory at 4.25 GB) and opening a FIFO blocks until something writes to it. So the open runs under the feed's
    // time budget, and the read stops one chunk past the size cap, exactly as for an HTTP body.
    private static async Task<byte[]> ReadLocalAsync(string path, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        var opening = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous), CancellationToken.None);
        FileStream stream;
        try
        {
            stream = await opening.WaitAsync(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The open may still complete when a writer appears: close what it opens then.
            _ = opening.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw new FeedFetchException($"Feed file '{name}' did not open within {timeout.TotalSeconds:0} s: it is not a regular file (a pipe?). A feed file must be a plain file.");
        }

        await using (stream.ConfigureAwait(false))
        {
            using var content = new MemoryStream();
            var chunk = new byte[81920];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, budget.Token).ConfigureAwait(false)) > 0)
                {
                    if (content.Length + read > maxBytes)
                    {
                        throw new FeedFetchException($"Feed file '{name}' is larger than the {maxBytes:N0}-byte limit (Fetch__MaxFeedBytes).");
                    }

                    content.Write(chunk, 0, read);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FeedFetchException($"Feed file '{name}' was not read within {timeout.TotalSeconds:0} s (Fetch__TimeoutSeconds).");
            }

            return content.ToArray();
        }
    }

    // The handler follows http(s) redirects itself; one that reaches us went elsewhere or went on too long. The raw
    // header is read, not Headers.Location, which throws UriFormatException on a target it cannot parse.
    private string RedirectNotFollowed(Uri uri, int status, HttpResponseMessage response)
    {
        var target = response.Headers.TryGetValues("Location", out var values) ? values.FirstOrDefault() : null;
        if (target is null || !Uri.TryCreate(uri, target, out var next))
        {
            return $"{uri} answered {status} (a redirect) without a Location it can follow ('{target}').";
        }

        return next.Scheme is "http" or "https"
            ? $"{uri} redirected more than {options.Value.MaxRedirects} times (a redirect loop?); last answer {status} to {next}."
            : $"{uri} redirected to a {next.Scheme}: address ({next}), which is not followed: feeds are fetched over http(s) only.";
    }

    private async Task<FeedResponse> FetchHttpAsync(Uri uri, FeedSource feed, FeedValidators? validators, int maxBytes, CancellationToken cancellationToken)
    {
        var attemptTimeout = TimeSpan.FromSeconds(feed.TimeoutSeconds ?? options.Value.TimeoutSeconds);
        // The handler's timeouts end when the headers arrive; this budget also covers a body that trickles or stalls.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(attemptTimeout * (options.Value.Retries + 1) + TimeSpan.FromSeconds(1));

        var context = ResilienceContextPool.Shared.Get(budget.Token);
        context.Properties.Set(FetchResilience.AttemptTimeout, attemptTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.SetResilienceContext(context);
            if (validators?.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (validators?.LastModified is { Length: > 0 } lastModified && DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            HttpResponseMessage sent;
            try
            {
                sent = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget.Token).ConfigureAwait(false);
            }
            catch (UriFormatException e)
            {
                // SocketsHttpHandler parses each redirect's Location itself and throws on one it cannot follow
                // (file:///…, a broken host): the feed's failure, said as such, not "UriFormatException: Invalid URI".
                throw new FeedFetchException($"{uri} redirected to an address that is not followed ({e.Message.TrimEnd('.')}): feeds are fetched over http(s) only.");
            }

            using var response = sent;
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FeedResponse(null, uri, status, null, validators?.ETag, validators?.LastModified) { MaxAge = response.Headers.CacheControl?.MaxAge };
            }

            if (status is >= 300 and < 400)
            {
                throw new FeedFetchException(RedirectNotFollowed(uri, status, response), status);
            }

            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                var retryAfter = RetryAfter(response.Headers.RetryAfter);
                throw new FeedFetchException(
                    $"{uri} answered {status} {response.ReasonPhrase}" + (retryAfter is null ? "." : $"; not asked again before {retryAfter:u} (Retry-After)."),
                    status, retryAfter: retryAfter);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FeedFetchException($"{uri} answered {status} {response.ReasonPhrase}.", status);
            }

            var content = await ReadCappedAsync(response, uri, maxBytes, budget.Token).ConfigureAwait(false);
            return new FeedResponse(content, response.RequestMessage?.RequestUri ?? uri, status, response.Content.Headers.ContentType?.CharSet,
                response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture))
            {
                MaxAge = response.Headers.CacheControl?.MaxAge,
            };
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateAddressRefusedException refused)
        {
            // Not a network failure: the address is one feeds may not reach here (Fetch__AllowPrivateNetworks).
            throw new FeedFetchException(refused.ReasonFor(uri), null, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   or Polly.CircuitBreaker.BrokenCircuitException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is OperationCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                ? $"no complete answer within {attemptTimeout.TotalSeconds:0.#} s per attempt"
                : e.Message;
            throw new FeedFetchException($"Request to {uri} failed: {reason}", null, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // A server may ask for any delay; past a day it is more likely misconfigured than meant, and a feed must not be
    // silenced for good by one answer. A date already past means "now".
    private DateTimeOffset? RetryAfter(RetryConditionHeaderValue? header)
    {
        var now = clock.GetUtcNow();
        var until = header switch
        {
            { Delta: { } delta } => now + (delta > MaxRetryAfter ? MaxRetryAfter : delta),
            { Date: { } date } => date,
            _ => (DateTimeOffset?)null,
        };
        return until is null || until <= now ? null : until > now + MaxRetryAfter ? now + MaxRetryAfter : until;
    }

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, Uri uri, int cap, CancellationToken cancellationToken)
    {
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
                throw new FeedFetchException($"{uri} sent more than the {cap:N0}-byte limit (Fetch__MaxFeedBytes).", (int)response.StatusCode);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
