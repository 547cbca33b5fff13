using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Composition;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// The Core services for a one-shot command (fetch, feeds, import, reindex, failures …): the same settings and wiring
/// as <c>newsfeed run</c>, Azurite started (and stopped after) when the command needs storage and the settings point
/// at it, logs at Warning on stderr so stdout stays the command's output.
/// </summary>
internal sealed class CommandServices : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AzuriteProcess? azurite;

    private CommandServices(ServiceProvider services, AzuriteProcess? azurite)
    {
        this.services = services;
        this.azurite = azurite;
    }

    public static async Task<CommandServices> StartAsync(FileInfo? settingsFile, CancellationToken cancellationToken, bool needsStorage = true)
    {
        var configuration = LocalConfiguration.Build(settingsFile?.FullName);
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Azure", LogLevel.Error)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Error)
            .AddFilter("Polly", LogLevel.Error)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddNewsPipelineCore(configuration).AddLocalHosting();
        var services = collection.BuildServiceProvider();
        try
        {
            // What `newsfeed run` and the Functions host check at start, checked here too, before Azurite is started for a typo.
            services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            var azurite = needsStorage ? await LocalStorage.EnsureAsync(configuration, Console.Error, cancellationToken).ConfigureAwait(false) : null;
            return new CommandServices(services, azurite);
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync().ConfigureAwait(false);
        if (azurite is not null)
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
