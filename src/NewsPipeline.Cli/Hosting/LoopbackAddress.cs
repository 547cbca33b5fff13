using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPipeline.Cli.Hosting;

/// <summary>The address a started app bound to "http://127.0.0.1:0" was given, with a trailing slash for relative URIs.</summary>
internal static class LoopbackAddress
{
    public const string AnyFreePort = "http://127.0.0.1:0";

    /// <summary>
    /// Refuses a port something already listens on, before anything is started for it (Azurite, the pipeline), with
    /// the words Kestrel would use; the hosting log of a failed bind is a stack trace.
    /// </summary>
    public static void EnsureFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new IOException($"Failed to bind to address http://127.0.0.1:{port}: address already in use.", new AddressInUseException(e.Message, e));
        }
    }

    public static Uri Of(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
}
