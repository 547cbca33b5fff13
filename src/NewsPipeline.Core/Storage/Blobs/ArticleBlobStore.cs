using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Storage.Blobs;

/// <summary>The articles container: one immutable blob per article, written once.</summary>
public sealed class ArticleBlobStore
{
    private readonly BlobContainerClient container;
    private readonly CreateOnce created;

    public ArticleBlobStore(StorageClients clients, IOptions<StorageOptions> options)
    {
        container = clients.Blobs.GetBlobContainerClient(options.Value.ArticlesContainer);
        created = new CreateOnce(ct => container.CreateIfNotExistsAsync(cancellationToken: ct));
    }

    public string ContainerName => container.Name;

    /// <summary>Asks the container whether it exists: one request, for the health probe.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken) =>
        await container.ExistsAsync(cancellationToken).ConfigureAwait(false);

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

    /// <summary>
    /// The sources that have blobs: the container's first-level folders, one listing request per 5,000 sources,
    /// whatever the number of articles under them.
    /// </summary>
    public async IAsyncEnumerable<string> ListSourcesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix)
            {
                yield return item.Prefix.TrimEnd('/');
            }
        }
    }

    /// <summary>Blob names under a prefix with the time each was last written, which the listing answers without further requests.</summary>
    public async IAsyncEnumerable<(string Name, DateTimeOffset? LastModified)> ListWithTimesAsync(string prefix,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return (blob.Name, blob.Properties.LastModified);
        }
    }

    /// <summary>
    /// Adds one metadata entry to a blob, keeping the others. Only for rare events (a parse failure): with versioning
    /// on, each metadata write keeps the previous version.
    /// </summary>
    public async Task AddMetadataAsync(string name, string key, string value, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(name);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                if (properties.Value.Metadata.TryGetValue(key, out var current) && current == value)
                {
                    return;
                }

                var metadata = new Dictionary<string, string>(properties.Value.Metadata, StringComparer.OrdinalIgnoreCase) { [key] = value };
                await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.Value.ETag }, cancellationToken).ConfigureAwait(false);
                return;
            }
            // 404: a document parsed under a name no blob has (a test, a dry run); nothing to mark.
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return;
            }
            // 412: written meanwhile; read it again, so that no other entry is lost.
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Blob names a listing page at a time, in name order, each page with the continuation token that asked for it:
    /// handing that token back later lists from the same page again, which is what makes a long pass resumable.
    /// </summary>
    public async IAsyncEnumerable<(IReadOnlyList<string> Names, string? Token)> ListPagesAsync(string? prefix, string? fromToken,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var token = fromToken;
        await foreach (var page in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken)
                           .AsPages(string.IsNullOrEmpty(fromToken) ? null : fromToken, ListPageSize).ConfigureAwait(false))
        {
            yield return (page.Values.Select(b => b.Name).ToList(), token);
            token = page.ContinuationToken;
        }
    }

    private const int ListPageSize = 5000;

    public async IAsyncEnumerable<string> ListAsync(string? prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return blob.Name;
        }
    }
}
