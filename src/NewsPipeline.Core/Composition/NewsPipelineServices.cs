using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Model.Feeds;
using NewsPipeline.Core.Model.Readers;
using NewsPipeline.Core.Reading.Articles.Parsing;
using NewsPipeline.Core.Services.Fetching;
using NewsPipeline.Core.Services.Pipeline;
using NewsPipeline.Core.Services.Readers;
using NewsPipeline.Core.Services.Registry;
using NewsPipeline.Core.Services.Scheduling;
using NewsPipeline.Core.Services.Telemetry;
using NewsPipeline.Core.Reading.Stories;
using NewsPipeline.Core.Services.Stories;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Storage.Blobs;
using NewsPipeline.Core.Storage.Queues;
using NewsPipeline.Core.Storage.Readers;
using NewsPipeline.Core.Storage.Registry;
using NewsPipeline.Core.Storage.Tables;
using NewsPipeline.Core.Web.Accounts;
using NewsPipeline.Core.Web.Api;
using NewsPipeline.Core.Web.GoogleReader;
using NewsPipeline.Core.Web.Page;

namespace NewsPipeline.Core.Composition;

/// <summary>
/// Core's wiring, one method per concern (in the style of dotnet/aspire's <c>Add…</c> extensions): a host composes the
/// concerns it runs. Both hosts run all of them today, through <see cref="AddNewsPipelineCore"/>.
/// </summary>
public static class NewsPipelineServices
{
    /// <summary>Every Core concern: what the Functions app and <c>newsfeed run</c> both serve.</summary>
    public static IServiceCollection AddNewsPipelineCore(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddArticleStorage(configuration)
            .AddFeedRegistry(configuration)
            .AddFeedFetching(configuration)
            .AddFeedScheduling(configuration)
            .AddArticleParsing(configuration)
            .AddHttpApi(configuration)
            .AddReaders(configuration)
            .AddReadingPage(configuration);

    /// <summary>The storage account: blobs, the article tables, the failure table and the fetch queue.</summary>
    public static IServiceCollection AddArticleStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipelineMetrics>();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage"));
        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton<ArticleBlobStore>();
        services.TryAddSingleton<ArticleIndexStore>();
        services.TryAddSingleton<ParseFailureStore>();
        services.TryAddSingleton<FetchQueueStore>();
        services.TryAddSingleton<DeadLetterStore>();
        return services;
    }

    /// <summary>The feed registry, its seeding from the <c>Feeds</c> setting and its administration (add, remove, OPML).</summary>
    public static IServiceCollection AddFeedRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedListOptions>().Bind(configuration)
            .Validate(feeds => feeds.Parse() is not null, "The Feeds setting cannot be read.").ValidateOnStart();
        services.AddOptions<ScheduleOptions>().Bind(configuration.GetSection(ScheduleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FeedRegistryStore>();
        services.TryAddSingleton<FeedRegistrySeeder>();
        services.TryAddSingleton<FeedAdministration>();
        services.TryAddSingleton<FeedSchedulePolicy>();
        return services;
    }

    /// <summary>Fetching feeds over HTTP into article blobs: the fetcher's client and its resilience, the per-feed runner.</summary>
    public static IServiceCollection AddFeedFetching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<TimerScheduleOptions>, TimerScheduleValidator>();
        services.AddOptions<TimerScheduleOptions>().Bind(configuration).ValidateOnStart();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FeedFetchRunner>();
        services.TryAddSingleton<FetchService>();

        services.AddHttpClient<FeedFetcher>(FeedFetcher.HttpClientName, (provider, client) =>
            {
                var fetch = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                client.DefaultRequestHeaders.UserAgent.ParseAdd($"NewsPipeline/1.0 (+{fetch.ProjectUrl})");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
                // Timeouts come from the resilience handler, per attempt and per feed.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var fetch = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                var handler = new SocketsHttpHandler
                {
                    AutomaticDecompression = System.Net.DecompressionMethods.All,
                    AllowAutoRedirect = true,
                    MaxAutomaticRedirections = Math.Max(1, fetch.MaxRedirects),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                };
                if (!fetch.AllowPrivateNetworks)
                {
                    // Every connection (the feed's host, each redirect's) is judged after DNS, at connect time. A proxy
                    // would connect on the feed's behalf, out of the guard's sight: the guarded client uses none.
                    handler.ConnectCallback = PrivateNetworkGuard.ConnectAsync;
                    handler.UseProxy = false;
                }

                return handler;
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
                // A refused address is the feed's own answer, not the host's trouble: it must not open the host's circuit.
                resilience.CircuitBreaker.ShouldHandle = args => FetchResilience.ShouldBreak(args.Outcome);
            });
        // The standard handler has no telemetry hook of its own (dotnet/extensions#6426): its pipeline reads the
        // shared TelemetryOptions, and Severity leaves other pipelines as they were.
        services.Configure<Polly.Telemetry.TelemetryOptions>(telemetry => telemetry.SeverityProvider = FetchResilience.Severity);

        return services;
    }

    /// <summary>The scheduler that claims due feeds, and the worker that fetches a claimed host's feeds.</summary>
    public static IServiceCollection AddFeedScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<FeedScheduler>();
        services.TryAddSingleton<FeedFetchWorker>();
        services.TryAddSingleton<FeedFetchPoison>();
        return services;
    }

    /// <summary>Parsing article blobs into the tables, bulk import, reindexing and reconciliation.</summary>
    public static IServiceCollection AddArticleParsing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ParserOptions>().Bind(configuration.GetSection(ParserOptions.Section));
        services.TryAddSingleton(provider => new ArticleMetadataParser(
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IOptions<ParserOptions>>().Value));
        services.AddOptions<StorySettings>().Bind(configuration.GetSection("Stories")).ValidateOnStart()
            .Validate(s => s.WindowHours is >= 1 and <= 24 * 14, "Stories__WindowHours must be 1 to 336.")
            .Validate(s => s.Keys is >= 1 and <= 16, "Stories__Keys must be 1 to 16 (two requests per article each).")
            .Validate(s => s.JoinThreshold is > 0 and <= 1 && s.MergeThreshold is > 0 and <= 1, "Stories__JoinThreshold and Stories__MergeThreshold must be over 0 and at most 1.")
            .Validate(s => s.VectorTerms is >= 8 and <= 256 && s.LeadChars is >= 0 and <= 10_000 && s.MaxRowsPerKey is >= 1 and <= 1000 && s.TitleShare is >= 0 and <= 1
                      && s.TimeDecay is >= 0 and <= 1,
                "Stories__VectorTerms must be 8 to 256, Stories__LeadChars 0 to 10000, Stories__MaxRowsPerKey 1 to 1000, Stories__TitleShare and Stories__TimeDecay 0 to 1.")
            .Validate(s => s.SameOutletFactor is >= 0 and <= 1 && s.TitleWeight is > 0 and <= 10, "Stories__SameOutletFactor must be 0 to 1, Stories__TitleWeight over 0 and at most 10.");
        services.TryAddSingleton<StoryIndexStore>();
        services.TryAddSingleton(provider => new StoryClusterer(provider.GetRequiredService<StoryIndexStore>(), provider.GetRequiredService<IOptions<StorySettings>>().Value));
        services.TryAddSingleton<ParseService>();
        services.TryAddSingleton<ImportService>();
        services.TryAddSingleton<ReindexService>();
        services.AddOptions<ReconcileOptions>().Bind(configuration.GetSection(ReconcileOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReconcileService>();
        return services;
    }

    /// <summary>Reader accounts, their subscriptions and read state, and the Google Reader API over them.</summary>
    public static IServiceCollection AddReaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReaderOptions>().Bind(configuration.GetSection(ReaderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReaderAccountStore>();
        services.TryAddSingleton<ReadingStateStore>();
        services.TryAddSingleton<ReaderLogins>();
        services.TryAddSingleton<ReadingState>();
        services.TryAddSingleton<ReaderSubscriptions>();
        services.TryAddSingleton<ReaderAccounts>();
        services.TryAddSingleton<GoogleReaderEndpoint>();
        services.TryAddSingleton<AccountsEndpoint>();
        return services;
    }

    /// <summary>The HTTP API's endpoints, the same in both hosts.</summary>
    public static IServiceCollection AddHttpApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<StorageGuard>();
        services.TryAddSingleton<PublicLinks>();
        services.TryAddSingleton<ApiCors>();
        services.TryAddSingleton<ApiCachePolicy>();
        services.TryAddSingleton<ItemContent>();
        services.TryAddSingleton<ItemsEndpoint>();
        services.TryAddSingleton<ItemEndpoint>();
        services.TryAddSingleton<ChangesEndpoint>();
        services.TryAddSingleton<StoryDirectory>();
        services.TryAddSingleton<StoriesEndpoint>();
        services.TryAddSingleton<HealthEndpoint>();
        services.TryAddSingleton<FeedStatusService>();
        services.TryAddSingleton<FeedsEndpoint>();
        services.TryAddSingleton<FeedEditsEndpoint>();
        return services;
    }

    /// <summary>The reading page's views, the same in both hosts (over the API's stores, links and guard).</summary>
    public static IServiceCollection AddReadingPage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PageOptions>().Bind(configuration.GetSection(PageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PageSecurity>();
        services.TryAddSingleton<PageAssets>();
        services.TryAddSingleton<PageKit>();
        services.TryAddSingleton<TimelineViews>();
        services.TryAddSingleton<ArticleView>();
        services.TryAddSingleton<StoryView>();
        services.TryAddSingleton<FeedsView>();
        services.TryAddSingleton<PageSession>();
        services.TryAddSingleton<PageMarks>();
        services.TryAddSingleton<SignInView>();
        services.TryAddSingleton<ReaderViews>();
        return services;
    }
}
