using System.Net;
using System.Net.Sockets;
using NewsPipeline.Core.Model.Feeds;

namespace NewsPipeline.Core.Services.Fetching;

/// <summary>
/// The feed client's connect step when private networks are not allowed (<see cref="FetchOptions.AllowPrivateNetworks"/>):
/// resolves the host itself, refuses every address <see cref="FeedAddressPolicy"/> refuses, and connects only to an
/// allowed one. It runs for every connection the handler opens, so each redirect hop to a new host is judged after its
/// own DNS answer, and a name that resolves to both kinds of address can only ever reach the public one.
/// </summary>
internal static class PrivateNetworkGuard
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);

        var allowed = addresses.Where(FeedAddressPolicy.IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            var refused = addresses.FirstOrDefault()
                ?? throw new SocketException((int)SocketError.HostNotFound);
            throw new PrivateAddressRefusedException(endpoint.Host, endpoint.Port, refused, FeedAddressPolicy.RefusalOf(refused)!);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A connection the guard refused: raised in the handler's connect step, so it arrives inside an <see cref="HttpRequestException"/>.</summary>
public sealed class PrivateAddressRefusedException(string host, int port, IPAddress address, string why)
    : Exception($"{FeedAddressPolicy.RefusalPrefix}{address}: {why}")
{
    public string Host { get; } = host;
    public int Port { get; } = port;
    public IPAddress Address { get; } = address;
    public string Why { get; } = why;

    /// <summary>The operator's reason for the feed at <paramref name="feed"/> (see <see cref="FeedAddressPolicy.Refusal"/>).</summary>
    public string ReasonFor(Uri feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        // The connection was for another host or port than the feed's own: a redirect led there.
        var redirected = feed.Port != Port
                         || (!string.Equals(feed.IdnHost, Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
                             && !string.Equals(feed.Host, Host, StringComparison.OrdinalIgnoreCase));
        return FeedAddressPolicy.Refusal(Host, Address, Why, redirected ? feed.ToString() : null);
    }
}
