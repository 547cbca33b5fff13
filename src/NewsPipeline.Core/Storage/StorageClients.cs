using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using NewsPipeline.Core.Model;

namespace NewsPipeline.Core.Storage;

/// <summary>
/// The storage clients for one connection, configured the way Azure Functions reads its connections: either a
/// connection string (<c>ArticleStorage</c>, for Azurite) or identity-based settings
/// (<c>ArticleStorage__blobServiceUri</c>, <c>__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__credential</c>, <c>__clientId</c>).
/// </summary>
public sealed class StorageClients(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient? queues = null)
{
    public BlobServiceClient Blobs { get; } = blobs;
    public TableServiceClient Tables { get; } = tables;

    /// <summary>The queue service of the connection: the <c>feed-fetch</c> queue between the scheduler and the fetch workers.</summary>
    public QueueServiceClient Queues => queues ?? throw new InvalidOperationException(
        $"Storage connection '{StorageOptions.ConnectionName}' has no queue service: set '{StorageOptions.ConnectionName}__queueServiceUri' " +
        "(or use a connection string, which names all three services).");

    /// <summary>
    /// Queue messages travel base64-encoded, as the Functions queue trigger expects by default (host.json
    /// <c>messageEncoding</c>), so that the scheduler and <c>newsfeed run</c> write what the trigger reads.
    /// </summary>
    public static QueueClientOptions QueueOptions => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public static StorageClients FromConfiguration(IConfiguration configuration, string connectionName = StorageOptions.ConnectionName)
    {
        var connectionString = configuration[connectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return FromConnectionString(connectionString);
            }
            // The SDK's words ("Settings must be of the form "name=value".") name neither the setting nor a fix, and the
            // string itself holds the account key, so it is never repeated here.
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new InvalidOperationException(
                    $"The {connectionName} setting is not a storage connection string ({ReasonText.WithoutFinalPeriod(e.Message)}). Set it to " +
                    "\"UseDevelopmentStorage=true\" for Azurite or to the storage account's connection string " +
                    $"(\"DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…\"), or leave it empty and set '{connectionName}__blobServiceUri' " +
                    $"and '{connectionName}__tableServiceUri' for an identity-based connection.", e);
            }
        }

        var section = configuration.GetSection(connectionName);
        var blobUri = section["blobServiceUri"];
        var tableUri = section["tableServiceUri"];
        var queueUri = section["queueServiceUri"];
        var account = section["accountName"];
        if (string.IsNullOrWhiteSpace(blobUri) && !string.IsNullOrWhiteSpace(account))
        {
            blobUri = $"https://{account}.blob.core.windows.net";
        }

        if (string.IsNullOrWhiteSpace(tableUri) && !string.IsNullOrWhiteSpace(account))
        {
            tableUri = $"https://{account}.table.core.windows.net";
        }

        if (string.IsNullOrWhiteSpace(queueUri) && !string.IsNullOrWhiteSpace(account))
        {
            queueUri = $"https://{account}.queue.core.windows.net";
        }

        if (string.IsNullOrWhiteSpace(blobUri) || string.IsNullOrWhiteSpace(tableUri))
        {
            throw new InvalidOperationException(
                $"Storage connection '{connectionName}' is not configured. Set '{connectionName}' to a connection string " +
                $"(\"UseDevelopmentStorage=true\" for Azurite), or set '{connectionName}__blobServiceUri' and " +
                $"'{connectionName}__tableServiceUri' and '{connectionName}__queueServiceUri' (with '{connectionName}__credential=managedidentity' and " +
                $"'{connectionName}__clientId' for a user-assigned identity).");
        }

        var credential = CredentialFor(section);
        return new StorageClients(new BlobServiceClient(new Uri(blobUri), credential, BlobOptions()), new TableServiceClient(new Uri(tableUri), tokenCredential: credential, TableOptions()),
            string.IsNullOrWhiteSpace(queueUri) ? null : new QueueServiceClient(new Uri(queueUri), credential, QueueOptions));
    }

    public static StorageClients FromConnectionString(string connectionString) =>
        new(new BlobServiceClient(connectionString, BlobOptions()), new TableServiceClient(connectionString, TableOptions()), new QueueServiceClient(connectionString, QueueOptions));

    /// <summary>Blob client options every store uses: bounded retries and a network timeout (see <see cref="Bounded"/>).</summary>
    public static BlobClientOptions BlobOptions() => Bounded(new BlobClientOptions());

    /// <summary>Table client options every store uses: bounded retries and a network timeout (see <see cref="Bounded"/>).</summary>
    public static TableClientOptions TableOptions() => Bounded(new TableClientOptions());

    // The SDK's default network timeout is 100 s per try, four tries: a frozen storage account held a caller for
    // ~400 s. Our requests are small (a row, a page of rows, one article of at most a few MB), so 20 s per try is
    // ample, and three quick retries ride out a blip. HTTP requests are bounded tighter still by StorageGuard.
    private static T Bounded<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(400);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        return options;
    }

    private static TokenCredential CredentialFor(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
