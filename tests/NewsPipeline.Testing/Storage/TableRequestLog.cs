using System.Collections.Concurrent;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace NewsPipeline.Testing.Storage;

/// <summary>One request the Table client sent: what a table design costs, whatever the emulator's latency.</summary>
internal sealed record TableRequest(string Method, string Path, string? Filter, int? Top, string? Select = null);

/// <summary>
/// A pipeline policy that records every request a Table client sends (after retries are decided, so a retry counts),
/// for judging a query by the requests it makes rather than by Azurite's timing.
/// </summary>
internal sealed class TableRequestLog : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<TableRequest> requests = new();

    public IReadOnlyList<TableRequest> Requests => requests.ToArray();

    public void Clear() => requests.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var query = HttpUtility.ParseQueryString(uri.Query);
        requests.Enqueue(new TableRequest(message.Request.Method.Method, Uri.UnescapeDataString(uri.AbsolutePath), query["$filter"],
            int.TryParse(query["$top"], System.Globalization.CultureInfo.InvariantCulture, out var top) ? top : null, query["$select"]));
    }
}
