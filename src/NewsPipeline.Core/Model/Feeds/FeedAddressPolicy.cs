using System.Net;
using System.Net.Sockets;

namespace NewsPipeline.Core.Model.Feeds;

/// <summary>
/// Which network addresses a feed may be fetched from when private networks are not allowed (the Functions app, and
/// Azure: <c>Fetch__AllowPrivateNetworks=false</c>). A feed is news on the public internet; an address that is not
/// (this machine, the private network around it, the cloud's metadata and platform endpoints) is refused, whatever name
/// or redirect led there. Pure: the fetcher's connect step asks it about each address DNS gave, after resolving.
/// </summary>
public static class FeedAddressPolicy
{
    /// <summary>The setting that allows private addresses (a <c>newsfeed</c> default: local feeds are the point there).</summary>
    public const string Setting = "Fetch__AllowPrivateNetworks";

    /// <summary>How every stored refusal begins: what <see cref="PublicReason"/> recognizes.</summary>
    public const string RefusalPrefix = "Refused to connect to ";

    /// <summary>The Azure platform's virtual address (DNS, health probes, the WireServer): reachable from every Azure host, never a feed.</summary>
    private static readonly IPAddress AzurePlatform = IPAddress.Parse("168.63.129.16");

    /// <summary>Why <paramref name="address"/> is refused (e.g. "a link-local address"), or null when a feed may be fetched from it.</summary>
    public static string? RefusalOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            // ::ffff:169.254.169.254 reaches 169.254.169.254: judge what it maps to.
            return RefusalOf(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusalOfIPv4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RefusalOfIPv6(address),
            _ => "not an IP address",
        };
    }

    /// <summary>Whether a feed may be fetched from <paramref name="address"/>.</summary>
    public static bool IsAllowed(IPAddress address) => RefusalOf(address) is null;

    /// <summary>
    /// The operator's reason, stored on the feed's row and logged: which address was refused and why, how the feed got
    /// there, and the setting that allows it. <see cref="PublicReason"/> is what the anonymous API shows instead.
    /// </summary>
    /// <param name="host">The host the connection was for (a name, or the address itself).</param>
    /// <param name="redirectedFrom">The feed's own URL when a redirect led to <paramref name="host"/>, else null.</param>
    public static string Refusal(string host, IPAddress address, string why, string? redirectedFrom)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(address);
        var literal = IPAddress.TryParse(host.Trim('[', ']'), out var parsed) && parsed.Equals(address);
        var target = literal ? address.ToString() : $"{host} ({address})";
        var via = redirectedFrom is null ? string.Empty : $", where {redirectedFrom} redirected";
        return $"{RefusalPrefix}{target}: {why}{via}; set {Setting}=true to allow feeds on private networks";
    }

    /// <summary>
    /// What the anonymous <c>/api/feeds</c> says of a refusal: that it happened and whether a redirect led there, never
    /// the address (an internal address is a fact about the network the app runs in, not about the feed). Null when
    /// <paramref name="error"/> is not a refusal.
    /// </summary>
    public static string? PublicReason(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!error.StartsWith(RefusalPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        return error.Contains(" redirected; set ", StringComparison.Ordinal)
            ? "Refused: the feed redirected to an address on a private network"
            : "Refused: the feed's address is on a private network";
    }

    private static string? RefusalOfIPv4(byte[] b) => b switch
    {
        [0, ..] => b is [0, 0, 0, 0] ? "an unspecified address" : "an address of this network (0.0.0.0/8)",
        [10, ..] => "a private address",
        [100, >= 64 and < 128, ..] => "a shared address (carrier-grade NAT, 100.64.0.0/10)",
        [127, ..] => "a loopback address",
        [169, 254, ..] => "a link-local address",
        [172, >= 16 and < 32, ..] => "a private address",
        [192, 0, 0, _] => "a reserved address (IETF protocol assignments, 192.0.0.0/24)",
        [192, 168, ..] => "a private address",
        [198, 18 or 19, ..] => "a reserved address (benchmarking, 198.18.0.0/15)",
        [255, 255, 255, 255] => "the broadcast address",
        [>= 224 and < 240, ..] => "a multicast address",
        [>= 240, ..] => "a reserved address (240.0.0.0/4)",
        [168, 63, 129, 16] => "the Azure platform address",
        _ => null,
    };

    private static string? RefusalOfIPv6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "a loopback address";
        }

        if (address.IsIPv6Multicast)
        {
            return "a multicast address";
        }

        if (address.IsIPv6LinkLocal)
        {
            return "a link-local address";
        }

        if (address.IsIPv6SiteLocal)
        {
            return "a site-local address";
        }

        if (address.IsIPv6UniqueLocal)
        {
            return "a unique-local address (fc00::/7)";
        }

        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            // ::a.b.c.d, the deprecated IPv4-compatible form: no feed has one, and a stack that still routes it reaches IPv4.
            return "an IPv4-compatible IPv6 address (::/96)";
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that a gateway would reach: judge that one.
        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return RefusalOfIPv4(b[12..]) is { } embedded ? $"{embedded} inside a NAT64 address" : null;
        }

        if (b is [0x20, 0x02, ..])
        {
            return RefusalOfIPv4(b[2..6]) is { } embedded ? $"{embedded} inside a 6to4 address" : null;
        }

        return null;
    }
}
