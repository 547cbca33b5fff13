using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Api;
using NewsPipeline.Core.Articles.Parsing;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Feeds.Fetching;
using NewsPipeline.Core.Pipeline;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Tables;

namespace NewsPipeline.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers every Core service; both hosts call this and nothing else of Core's wiring.</summary>
    public static IServiceCollection AddNewsPipelineCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage"));
        services.AddOptions<FeedListOptions>().Bind(configuration);
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.AddSingleton<ArticleBlobStore>();
        services.AddSingleton<ArticleIndex>();
        services.AddSingleton<ParseFailureStore>();
        services.AddOptions<ParserOptions>().Bind(configuration.GetSection(ParserOptions.Section));
        services.AddSingleton(provider => new ArticleMetadataParser(
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IOptions<ParserOptions>>().Value));
        services.AddSingleton<ParseService>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ReindexService>();
        services.AddSingleton<FetchService>();
        services.AddSingleton<ItemsEndpoint>();

        services.AddHttpClient<FeedFetcher>(FeedFetcher.HttpClientName, (provider, client) =>
            {
                var fetch = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                client.DefaultRequestHeaders.UserAgent.ParseAdd($"NewsPipeline/1.0 (+{fetch.ProjectUrl})");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                MaxAutomaticRedirections = 5,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var fetch = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(fetch.TimeoutSeconds);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(fetch.TimeoutSeconds * 3);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, fetch.TimeoutSeconds * 2));
                resilience.Retry.MaxRetryAttempts = 2;
            });

        return services;
    }
}
