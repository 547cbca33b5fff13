using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// The Core services for a one-shot command, wired as the Functions app wires them, with the local settings and,
/// when the command needs storage and the settings point at Azurite, an Azurite started for it and stopped after.
/// </summary>
internal sealed class CommandServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly AzuriteProcess? azurite;

    private CommandServices(ServiceProvider provider, AzuriteProcess? azurite)
    {
        this.provider = provider;
        this.azurite = azurite;
    }

    public static async Task<CommandServices> StartAsync(FileInfo? settingsFile, bool needsStorage, CancellationToken cancellationToken)
    {
        var configuration = LocalConfiguration.Build(settingsFile?.FullName);
        var azurite = needsStorage ? await LocalStorage.EnsureAsync(configuration, Console.Error, cancellationToken).ConfigureAwait(false) : null;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Error)
            .AddFilter("Polly", LogLevel.Error));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNewsPipelineCore(configuration);
        return new CommandServices(services.BuildServiceProvider(), azurite);
    }

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync().ConfigureAwait(false);
        if (azurite is not null)
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
