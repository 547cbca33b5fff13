using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.LoadTests.Commands;

/// <summary>
/// The Azurite a load test runs on unless given --connection: private, in memory, on free ports of 127.0.0.1, so a
/// run never touches anyone's data and leaves nothing behind.
/// </summary>
internal static class PrivateAzurite
{
    public static async Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken)
    {
        var executable = AzuriteProcess.FindExecutable(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Azurite is not installed: run `npm ci` in the repository root, or pass --connection.");
        var location = Path.Combine(Path.GetTempPath(), "newspipeline-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var ports = AzuriteProcess.FreePorts(3);
        return await AzuriteProcess.StartAsync(executable, location, ports[0], ports[1], ports[2],
            cancellationToken, inMemory: true).ConfigureAwait(false);
    }
}
