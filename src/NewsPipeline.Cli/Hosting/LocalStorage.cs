using Microsoft.Extensions.Configuration;

using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Hosting;

/// <summary>Makes sure the storage a local command needs is there: starts Azurite when the settings point at it and it is not running.</summary>
internal static class LocalStorage
{
    public const int BlobPort = 10000;
    public const int QueuePort = 10001;
    public const int TablePort = 10002;

    /// <summary>Returns the Azurite it started (to stop on exit), or null when storage is elsewhere or already running.</summary>
    public static async Task<AzuriteProcess?> EnsureAsync(IConfiguration configuration, TextWriter console, CancellationToken cancellationToken)
    {
        var connection = configuration[StorageOptions.ConnectionName];
        if (!string.Equals(connection?.Trim().TrimEnd(';'), LocalConfiguration.DevelopmentStorage, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (AzuriteProcess.IsListening(BlobPort) && AzuriteProcess.IsListening(TablePort))
        {
            console.WriteLine($"Using the Azurite already listening on 127.0.0.1:{BlobPort}.");
            return null;
        }

        var executable = AzuriteProcess.FindExecutable(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException(
                "Azurite is not running and not installed. Run `npm ci` in the repository root (it installs the pinned Azurite), " +
                "or start your own Azurite with --skipApiVersionCheck, or point ArticleStorage at a storage account.");
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(executable)))!;
        var location = Path.Combine(root, ".azurite");
        console.WriteLine($"Starting Azurite ({executable}) with data in {location} …");
        return await AzuriteProcess.StartAsync(executable, location, BlobPort, QueuePort, TablePort, cancellationToken).ConfigureAwait(false);
    }
}
