using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPipeline.Cli.Hosting;

/// <summary>The address a started app bound to "http://127.0.0.1:0" was given, with a trailing slash for relative URIs.</summary>
internal static class LoopbackAddress
{
    public const string AnyFreePort = "http://127.0.0.1:0";

    public static Uri Of(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
}
