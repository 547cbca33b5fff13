using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Api;
using NewsPipeline.Core.Articles.Parsing;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Feeds.Fetching;
using NewsPipeline.Core.Feeds.Registry;
using NewsPipeline.Core.Pipeline;
using NewsPipeline.Core.Scheduling;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Telemetry;

namespace NewsPipeline.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers every Core service; both hosts call this and nothing else of Core's wiring.</summary>
    public static IServiceCollection AddNewsPipelineCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipelineMetrics>();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage"));
        services.AddOptions<FeedListOptions>().Bind(configuration)
            .Validate(feeds => feeds.Parse() is not null, "The Feeds setting cannot be read.").ValidateOnStart();
        services.AddSingleton<IValidateOptions<FetchScheduleOptions>, FetchScheduleValidator>();
        services.AddOptions<FetchScheduleOptions>().Bind(configuration).ValidateOnStart();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.AddSingleton<ArticleBlobStore>();
        services.AddSingleton<ArticleIndex>();
        services.AddSingleton<ParseFailureStore>();
        services.AddOptions<ScheduleOptions>().Bind(configuration.GetSection(ScheduleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FeedRegistry>();
        services.AddSingleton<FeedRegistrySeeder>();
        services.AddSingleton<FeedAdministration>();
        services.AddSingleton<FeedSchedulePolicy>();
        services.AddSingleton<FetchQueues>();
        services.AddSingleton<FeedScheduler>();
        services.AddSingleton<FeedFetchRunner>();
        services.AddSingleton<FeedFetchWorker>();
        services.AddSingleton<FeedFetchPoison>();
        services.AddSingleton<FetchQueueConsumer>();
        services.AddOptions<ParserOptions>().Bind(configuration.GetSection(ParserOptions.Section));
        services.AddSingleton(provider => new ArticleMetadataParser(
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IOptions<ParserOptions>>().Value));
        services.AddSingleton<ParseService>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ReindexService>();
        services.AddSingleton<DeadLetteredEvents>();
        services.AddOptions<ReconcileOptions>().Bind(configuration.GetSection(ReconcileOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReconcileService>();
        services.AddSingleton<FetchService>();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StorageGuard>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<ApiCachePolicy>();
        services.AddSingleton<ItemContent>();
        services.AddSingleton<ItemsEndpoint>();
        services.AddSingleton<ItemEndpoint>();
        services.AddSingleton<ChangesEndpoint>();
        services.AddSingleton<HealthEndpoint>();
        services.AddSingleton<FeedStatusService>();
        services.AddSingleton<FeedsEndpoint>();
        services.AddSingleton<FeedChangesEndpoint>();
        services.AddSingleton<AdminKeyGate>();

        services.AddHttpClient<FeedFetcher>(FeedFetcher.HttpClientName, (provider, client) =>
            {
                var fetch = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                client.DefaultRequestHeaders.UserAgent.ParseAdd($"NewsPipeline/1.0 (+{fetch.ProjectUrl})");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
                // Timeouts come from the resilience handler, per attempt and per feed.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = Math.Max(1, provider.GetRequiredService<IOptions<FetchOptions>>().Value.MaxRedirects),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // The factory's own request logs print each feed's full URL, credentials and tokens included; the fetch
            // stage logs every outcome itself, with the address redacted (FeedUrl.Redact).
            .RemoveAllLoggers()
            .AddStandardResilienceHandler()
            // One pipeline (and circuit breaker) per host: a failing site must not open the circuit for every feed.
            // Keyed by scheme, host and port, not SelectPipelineByAuthority: its key keeps a URL's user info, and the
            // key is printed in every resilience log line.
            .SelectPipelineBy(_ => request => request.RequestUri?.GetComponents(UriComponents.SchemeAndServer & ~UriComponents.UserInfo, UriFormat.UriEscaped) ?? string.Empty)
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var fetch = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                var attempt = TimeSpan.FromSeconds(fetch.TimeoutSeconds);
                resilience.AttemptTimeout.Timeout = attempt;
                resilience.AttemptTimeout.TimeoutGenerator = args =>
                    ValueTask.FromResult(args.Context.Properties.GetValue(FetchResilience.AttemptTimeout, attempt));
                // Generous: the fetcher's own budget ends a feed's request; this only must not cut it shorter.
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(30);
                resilience.Retry.MaxRetryAttempts = Math.Max(1, fetch.Retries);
                resilience.Retry.ShouldHandle = args => fetch.Retries == 0 ? ValueTask.FromResult(false) : FetchResilience.ShouldRetry(args.Outcome);
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(fetch.RetryDelayMilliseconds);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(31);
            });
        // The standard handler has no telemetry hook of its own (dotnet/extensions#6426): its pipeline reads the
        // shared TelemetryOptions, and Severity leaves other pipelines as they were.
        services.Configure<Polly.Telemetry.TelemetryOptions>(telemetry => telemetry.SeverityProvider = FetchResilience.Severity);

        return services;
    }
}
