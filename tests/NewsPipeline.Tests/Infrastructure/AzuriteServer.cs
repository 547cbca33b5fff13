using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>
/// One real Azurite for the test run, on free loopback ports, started from the repository's node_modules (npm ci).
/// Tests isolate themselves by container and table names, so they can share it and run in parallel.
/// Set AZURITE_CONNECTION_STRING to use an Azurite you started yourself.
/// </summary>
internal static class AzuriteServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteProcess? process;
    private static string? connectionString = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");

    public static async Task<string> ConnectionStringAsync()
    {
        if (connectionString is not null)
        {
            return connectionString;
        }

        await Gate.WaitAsync();
        try
        {
            if (connectionString is null)
            {
                // Free ports are chosen before Azurite binds them; another process can take one in between, so try again.
                for (var attempt = 1; process is null; attempt++)
                {
                    try
                    {
                        process = await StartPrivateAsync(inMemory: true);
                    }
                    catch (InvalidOperationException) when (attempt < 3)
                    {
                    }
                }

                AppDomain.CurrentDomain.ProcessExit += (_, _) => process.DisposeAsync().AsTask().GetAwaiter().GetResult();
                connectionString = process.ConnectionString;
            }

            return connectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>An Azurite of a test's own, for tests that stop and start storage.</summary>
    public static Task<AzuriteProcess> StartPrivateAsync(bool inMemory, string? location = null, int[]? ports = null)
    {
        var executable = AzuriteProcess.FindExecutable(RepositoryPaths.Root)
            ?? throw new InvalidOperationException("Azurite is not installed: run `npm ci` in the repository root.");
        location ??= Path.Combine(Path.GetTempPath(), "newspipeline-azurite-" + Guid.NewGuid().ToString("N")[..8]);
        ports ??= AzuriteProcess.FreePorts(3);
        return AzuriteProcess.StartAsync(executable, location, ports[0], ports[1], ports[2], CancellationToken.None, inMemory);
    }
}
