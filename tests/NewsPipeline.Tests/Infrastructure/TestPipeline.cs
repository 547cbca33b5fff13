using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Composition;
using NewsPipeline.Core.Storage;

using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>
/// The Core services wired as the hosts wire them (AddNewsPipelineCore), against the shared Azurite, with a
/// container and tables of this test's own.
/// </summary>
internal sealed class TestPipeline : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TestPipeline(ServiceProvider services, IConfiguration configuration)
    {
        this.services = services;
        Configuration = configuration;
    }

    public IConfiguration Configuration { get; }

    public IServiceProvider Services => services;

    public StorageOptions Storage => Get<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;

    /// <param name="configure">Runs after Core's wiring: a test's own clock or recorded storage clients replace Core's.</param>
    public static async Task<TestPipeline> CreateAsync(string feeds, IDictionary<string, string?>? settings = null, string? connectionString = null,
        ILoggerProvider? logs = null, Action<IServiceCollection>? configure = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var values = new Dictionary<string, string?>
        {
            ["ArticleStorage"] = connectionString ?? await AzuriteServer.ConnectionStringAsync(),
            ["Storage:ArticlesContainer"] = "articles-" + suffix,
            ["Storage:ArticlesTable"] = "articles" + suffix,
            ["Storage:FailuresTable"] = "failures" + suffix,
            ["Storage:StoriesTable"] = "stories" + suffix,
            ["Storage:FetchQueue"] = "feedfetch" + suffix,
            ["Storage:FeedsTable"] = "feeds" + suffix,
            ["Feeds"] = feeds,
            ["Fetch:TimeoutSeconds"] = "5",
            // Several tests read fixture feeds from disk, as `newsfeed` does; FeedLocationTests checks the Functions rule.
            ["AllowLocalFeeds"] = "true",
            // The tests' feed servers are on loopback, which the Functions app refuses by default: allowed here, as in
            // `newsfeed`. PrivateNetworkGuardTests switch it off to see the refusal.
            ["Fetch:AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(logging =>
        {
            logging.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddNewsPipelineCore(configuration).AddLocalHosting();
        configure?.Invoke(collection);
        return new TestPipeline(collection.BuildServiceProvider(validateScopes: true), configuration);
    }

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Settings that put another pipeline (another instance, a restart) on this one's container, tables and queue.</summary>
    public Dictionary<string, string?> SharedStorage() => new()
    {
        ["Storage:ArticlesContainer"] = Storage.ArticlesContainer,
        ["Storage:ArticlesTable"] = Storage.ArticlesTable,
        ["Storage:FailuresTable"] = Storage.FailuresTable,
        ["Storage:StoriesTable"] = Storage.StoriesTable,
        ["Storage:FeedsTable"] = Storage.FeedsTable,
        ["Storage:FetchQueue"] = Storage.FetchQueue,
    };

    /// <summary>A host class (a Function, say) built with its dependencies from this pipeline's container.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(services);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
