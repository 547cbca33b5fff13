using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Functions;

/// <summary>
/// Parses each new article blob into its metadata rows. Event Grid is the only blob source Flex Consumption supports.
/// The blob's metadata (fetched dates, the feed's language and categories) comes as trigger binding data beside the
/// content the host already downloaded: no request of ours for it, where binding a BlobClient would cost one more.
/// </summary>
public sealed class ParseArticle(ParseService parse)
{
    [Function(nameof(ParseArticle))]
    public Task<ParseOutcome> Run(
        [BlobTrigger("articles/{name}", Source = BlobTriggerSource.EventGrid, Connection = StorageOptions.ConnectionName)] string content,
        string name,
        IDictionary<string, string>? metadata,
        CancellationToken cancellationToken) =>
        // A document that is not an article comes back as a recorded failure, not an exception: throwing would
        // make Event Grid redeliver poison input until it gives up.
        parse.ParseAsync(name, content, metadata, cancellationToken);
}
