using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Testing.Storage;

/// <summary>Core's storage clients with their own options, each service's requests recorded where a log is given (after retries, so a retry counts).</summary>
internal static class RecordedStorage
{
    public static StorageClients Clients(string connection, TableRequestLog? tables = null, TableRequestLog? blobs = null, TableRequestLog? queues = null)
    {
        var tableOptions = StorageClients.TableOptions();
        var blobOptions = StorageClients.BlobOptions();
        var queueOptions = StorageClients.QueueOptions;
        if (tables is not null)
        {
            tableOptions.AddPolicy(tables, HttpPipelinePosition.PerRetry);
        }

        if (blobs is not null)
        {
            blobOptions.AddPolicy(blobs, HttpPipelinePosition.PerRetry);
        }

        if (queues is not null)
        {
            queueOptions.AddPolicy(queues, HttpPipelinePosition.PerRetry);
        }

        return new StorageClients(new BlobServiceClient(connection, blobOptions), new TableServiceClient(connection, tableOptions), new QueueServiceClient(connection, queueOptions));
    }
}
