using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Articles;

namespace NewsPipeline.Core.Storage.Blobs;

/// <summary>The articles container: one immutable blob per article, written once.</summary>
public sealed partial class ArticleBlobStore
{
    private readonly BlobContainerClient container;
    private readonly CreateOnce created;

    public ArticleBlobStore(StorageClients clients, IOptions<StorageOptions> options)
    {
        container = clients.Blobs.GetBlobContainerClient(options.Value.ArticlesContainer);
        created = new CreateOnce(ct => container.CreateIfNotExistsAsync(cancellationToken: ct));
    }

    public string ContainerName => container.Name;

    /// <summary><c>{source}/{yyyy}/{MM}/{dd}/{id}.md</c>: browsable by outlet and day, unique by article id.</summary>
    public static string BlobNameFor(string source, DateTimeOffset published, string id) =>
        $"{source}/{published.UtcDateTime:yyyy}/{published.UtcDateTime:MM}/{published.UtcDateTime:dd}/{id}.md";

    /// <summary>The day a blob is filed under (<c>{source}/{yyyy}/{MM}/{dd}/…</c>), or null for other names.</summary>
    public static DateOnly? FiledOn(string blobName)
    {
        var match = BlobDay().Match(blobName);
        return match.Success && DateOnly.TryParseExact(match.Groups[1].Value, "yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day) ? day : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^/]+/(\d{4}/\d{2}/\d{2})/")]
    private static partial System.Text.RegularExpressions.Regex BlobDay();

    /// <summary>
    /// <c>{source}/undated/{id}.md</c>, for an article whose feed gives no readable date: a name from the fetch day would
    /// change every day the item stays in the feed, and the conditional create would then write it again each day.
    /// </summary>
    public static string UndatedBlobNameFor(string source, string id) => $"{source}/undated/{id}.md";

    /// <summary>
    /// Creates the blob only if it does not exist (If-None-Match: *), in one request, so that two concurrent
    /// fetch runs cannot both write it and no reader ever sees a partial blob. Returns false when it existed.
    /// </summary>
    public async Task<bool> TryCreateAsync(string name, string content, CancellationToken cancellationToken, IDictionary<string, string>? metadata = null)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/markdown; charset=utf-8" },
            Metadata = metadata,
        };
        try
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            return false;
        }
    }

    public async Task<IDictionary<string, string>> GetMetadataAsync(string name, CancellationToken cancellationToken) =>
        (await container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Metadata;

    /// <summary>The document and its metadata, in one request (the download answers with the metadata as headers).</summary>
    public async Task<(string Text, IDictionary<string, string> Metadata)> ReadWithMetadataAsync(string name, CancellationToken cancellationToken)
    {
        var result = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return (Encoding.UTF8.GetString(result.Value.Content.ToMemory().Span), result.Value.Details.Metadata);
    }

    public async Task<string> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var result = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(result.Value.Content.ToMemory().Span);
    }

    public async IAsyncEnumerable<string> ListAsync(string? prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return blob.Name;
        }
    }
}
