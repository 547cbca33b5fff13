using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Core.Storage.Blobs;

/// <summary>One dead-letter blob: the article blobs its events were about, or why it could not be read.</summary>
public sealed record DeadLetteredBatch(string Name, IReadOnlyList<string> ArticleBlobs, string? Unreadable);

/// <summary>
/// The container Event Grid dead-letters blob events into after its retries (<c>{topic}/{subscription}/{yyyy}/{MM}/{dd}/{hh}/{guid}.json</c>,
/// each a JSON array of events, Event Grid or CloudEvents schema). Both schemas carry the blob in <c>subject</c>
/// (<c>/blobServices/default/containers/{container}/blobs/{name}</c>), which is all a replay needs.
/// </summary>
public sealed class DeadLetterStore(StorageClients clients, IOptions<StorageOptions> options)
{
    private readonly BlobContainerClient container = clients.Blobs.GetBlobContainerClient(options.Value.DeadLetterContainer);
    private readonly string articlesContainer = options.Value.ArticlesContainer;

    public string ContainerName => container.Name;

    /// <summary>Up to <paramref name="limit"/> dead-letter blobs, oldest name first; none when the container does not exist.</summary>
    public async IAsyncEnumerable<DeadLetteredBatch> ReadAsync(int limit, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                names.Add(blob.Name);
                if (names.Count == limit)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            yield break;
        }

        foreach (var name in names)
        {
            BinaryData content;
            try
            {
                content = (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                continue;
            }

            yield return Read(name, content);
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await container.DeleteBlobAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private DeadLetteredBatch Read(string name, BinaryData content)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content.ToMemory(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return new DeadLetteredBatch(name, [], "not JSON: " + e.Message);
        }

        using (json)
        {
            var events = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
            var prefix = $"/blobServices/default/containers/{articlesContainer}/blobs/";
            var blobs = new List<string>();
            foreach (var item in events)
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.String
                    && subject.GetString() is { } text && text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length)
                {
                    blobs.Add(text[prefix.Length..]);
                }
            }

            return new DeadLetteredBatch(name, blobs, blobs.Count == 0 && events.Count > 0 ? $"no event names a blob of the '{articlesContainer}' container" : null);
        }
    }
}
