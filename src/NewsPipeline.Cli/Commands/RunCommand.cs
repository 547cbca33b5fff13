using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Core.Composition;

namespace NewsPipeline.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(Option<FileInfo?> settings)
    {
        var port = new Option<int>("--port") { Description = "Port for the HTTP API on 127.0.0.1.", DefaultValueFactory = _ => 7071 };
        var command = new Command("run", """
            Run the whole pipeline locally, as the Functions app does in Azure: fetch the feeds now and then on
            FetchSchedule, parse every article written, and serve GET /api/items on http://127.0.0.1:PORT.
            With ArticleStorage=UseDevelopmentStorage=true (the default) it starts the repository's Azurite
            (installed by `npm ci`) unless one is already running, and stops it on Ctrl-C.
            With no Feeds setting it reads the demo feed that ships with it, so it works offline.

            Examples:
              newsfeed run
              Feeds="bbc=https://feeds.bbci.co.uk/news/world/rss.xml" newsfeed run
              newsfeed run --settings src/NewsPipeline.Functions/local.settings.json --port 8080
            """)
        {
            port,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(settings), result.GetValue(port), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? settingsFile, int port, CancellationToken cancellationToken)
    {
        var configuration = LocalConfiguration.Build(settingsFile?.FullName);
        // Links in responses name the address this process serves, never a client's Host header.
        configuration["Api:PublicBaseUrl"] ??= $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Warning);
        builder.Services.AddNewsPipelineCore(configuration).AddLocalHosting();
        builder.Services.AddHostedService<LocalScheduler>();
        builder.Services.AddSingleton<LocalMetrics>();

        var app = builder.Build();
        AzuriteProcess? azurite = null;
        try
        {
            // Settings are checked before Azurite starts too: a typo then costs no storage start and prints no hosting log.
            app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            // A taken port is refused before Azurite is started for nothing.
            LoopbackAddress.EnsureFree(port);
            azurite = await LocalStorage.EnsureAsync(configuration, Console.Out, cancellationToken).ConfigureAwait(false);
            app.MapNewsPipelineApi();
            app.MapReadingPage();
            // newsfeed run only: the Functions app exports the same instruments to Application Insights instead.
            var metrics = app.Services.GetRequiredService<LocalMetrics>();
            app.MapGet(NewsPipeline.Core.Web.Api.ApiRoutes.Metrics, () => Microsoft.AspNetCore.Http.Results.Json(new { since = metrics.Started, metrics = metrics.Snapshot() },
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
            // The registry is the list of feeds the pipeline runs: seeded from the Feeds setting here, where it runs, and
            // counted for the banner (the setting may name one feed while thirty are registered).
            var feedsLine = await RegistryLineAsync(app.Services, cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"""
                NewsPipeline is running.
                  Read:   http://127.0.0.1:{port}/
                  Items:  curl http://127.0.0.1:{port}/api/items
                  Stats:  newsfeed stats --port {port}
                  Feeds:  {feedsLine}
                  Schedule: {configuration["FetchSchedule"]}
                Press Ctrl-C to stop.
                """);
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
            var watching = azurite is null ? Task.CompletedTask : WatchStorageAsync(azurite, stopping.Token);
            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await stopping.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine("Stopped.");
        }
        finally
        {
            // The pipeline stops before the storage it uses.
            await app.DisposeAsync().ConfigureAwait(false);
            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
        }

        return 0;
    }

    // Storage that does not answer yet must not stop the start: the scheduler seeds and retries on every pass, and says
    // so in its log; the banner then says the count is not known.
    private static async Task<string> RegistryLineAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await services.GetRequiredService<FeedRegistrySeeder>().EnsureSeededAsync(deadline.Token).ConfigureAwait(false);
            var registered = await services.GetRequiredService<FeedRegistryStore>().ListAsync(deadline.Token).ConfigureAwait(false);
            return $"{registered.Count(f => f.Enabled)} enabled of {registered.Count} in the registry (newsfeed feeds)";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return "not known yet: the registry could not be read (" + NewsPipeline.Core.Storage.StorageFailure.ReasonOf(e) + ")";
        }
    }

    // Azurite started here is a child process: if it dies, every fetch, parse and page fails from then on. Say so once,
    // and what to do, rather than let the scheduler's per-pass errors be the only sign.
    private static async Task WatchStorageAsync(AzuriteProcess azurite, CancellationToken stopping)
    {
        try
        {
            if (await azurite.ExitedUnexpectedlyAsync(stopping).ConfigureAwait(false) is { } code)
            {
                await Console.Error.WriteLineAsync(
                    $"error: Azurite, which newsfeed run started (process {azurite.ProcessId}, data in {azurite.Location}), has exited with code {code}. " +
                    "Storage is gone: nothing is fetched, parsed or served until it is back. Stop newsfeed run (Ctrl-C) and start it again: " +
                    "it starts Azurite on the same data, and the articles an interrupted fetch stored are parsed when their feed is fetched next.").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
