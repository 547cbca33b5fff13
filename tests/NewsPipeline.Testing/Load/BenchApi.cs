using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Composition;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Testing.Storage;

namespace NewsPipeline.Testing.Load;

/// <summary>
/// The API as <c>newsfeed run</c> serves it (same Core wiring, same routes), on a free port of 127.0.0.1, over a
/// table of its own, with every Table request recorded (and, given a second log, every Blob request).
/// </summary>
internal sealed class BenchApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TableClient table;

    private BenchApi(WebApplication app, TableClient table, Uri baseAddress)
    {
        this.app = app;
        this.table = table;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ArticleIndexStore Index => app.Services.GetRequiredService<ArticleIndexStore>();

    public static async Task<BenchApi> StartAsync(string connection, string tableName, TableRequestLog log, CancellationToken cancellationToken,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null, TableRequestLog? blobLog = null)
    {
        // A port chosen up front, so the links the API writes can name it (they never come from the Host header).
        var port = AzuriteProcess.FreePort();
        var values = new Dictionary<string, string?>
        {
            ["Api:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["ArticleStorage"] = connection,
            ["Storage:ArticlesTable"] = tableName,
            ["Storage:ArticlesContainer"] = tableName,
            ["Storage:ReadersTable"] = tableName + "readers",
            ["FetchSchedule"] = LocalConfiguration.DefaultSchedule,
            // The harness's feed servers are on loopback, as in every `newsfeed` command.
            [LocalConfiguration.AllowPrivateNetworks] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddNewsPipelineCore(configuration).AddLocalHosting();
        // Registered last, so every Core store resolves these clients: the recorded ones.
        var clients = RecordedStorage.Clients(connection, tables: log, blobs: blobLog);
        builder.Services.AddSingleton(clients);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapNewsPipelineApi();
        app.MapReadingPage();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new BenchApi(app, clients.Tables.GetTableClient(tableName), LoopbackAddress.Of(app));
    }

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public Task DeleteTableAsync(CancellationToken cancellationToken) => table.DeleteAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
