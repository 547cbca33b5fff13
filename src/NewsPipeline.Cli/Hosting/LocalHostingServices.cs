using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// What <c>newsfeed</c> adds where the Functions host is absent: the loop over the fetch queue (the queue trigger's
/// part) and the admin key check (the function key's part). Neither belongs in the Functions app.
/// </summary>
public static class LocalHostingServices
{
    public static IServiceCollection AddLocalHosting(this IServiceCollection services)
    {
        services.TryAddSingleton<FetchQueueConsumer>();
        services.TryAddSingleton<AdminKeyGate>();
        return services;
    }
}
