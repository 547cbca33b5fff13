using Microsoft.Azure.Functions.Worker;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Functions;

/// <summary>Parses each new article blob into its metadata rows. Event Grid is the only blob source Flex Consumption supports.</summary>
public sealed class ParseArticle(ParseService parse)
{
    [Function(nameof(ParseArticle))]
    public Task<ParseOutcome> Run(
        [BlobTrigger("articles/{name}", Source = BlobTriggerSource.EventGrid, Connection = "ArticleStorage")] string content,
        string name,
        CancellationToken cancellationToken) =>
        // A document that is not an article comes back as a recorded failure, not an exception: throwing would
        // make Event Grid redeliver poison input until it gives up.
        parse.ParseAsync(name, content, cancellationToken);
}
