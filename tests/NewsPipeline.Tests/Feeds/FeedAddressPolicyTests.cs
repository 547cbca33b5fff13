using System.Net;
using NewsPipeline.Core.Model.Feeds;

namespace NewsPipeline.Tests.Feeds;

/// <summary>
/// Which addresses a feed may be fetched from with private networks refused: literal addresses parsed and judged, no
/// traffic. Each range at its edges, and every one of them again as IPv4-mapped IPv6 (::ffff:a.b.c.d).
/// </summary>
public sealed class FeedAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("10.0.0.0", "private")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("192.168.255.255", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("169.254.0.1", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("192.0.0.170", "reserved")]
    [InlineData("198.18.0.1", "reserved")]
    [InlineData("168.63.129.16", "Azure platform")]
    public void Non_public_IPv4_addresses_are_refused_saying_which_kind(string literal, string kind)
    {
        var why = FeedAddressPolicy.RefusalOf(IPAddress.Parse(literal));

        Assert.NotNull(why);
        Assert.Contains(kind, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf:ffff::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456:789a::1", "unique-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("ff05::1:3", "multicast")]
    [InlineData("::7f00:1", "IPv4-compatible")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("64:ff9b::a00:1", "private")]
    [InlineData("2002:a9fe:a9fe::1", "link-local")]
    [InlineData("2002:7f00:1::1", "loopback")]
    public void Non_public_IPv6_addresses_are_refused_saying_which_kind(string literal, string kind)
    {
        var why = FeedAddressPolicy.RefusalOf(IPAddress.Parse(literal));

        Assert.NotNull(why);
        Assert.Contains(kind, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.5")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.251")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("168.63.129.16")]
    public void Every_refused_IPv4_address_is_refused_as_IPv4_mapped_IPv6_too(string literal)
    {
        var v4 = IPAddress.Parse(literal);
        var mapped = IPAddress.Parse("::ffff:" + literal);
        Assert.True(mapped.IsIPv4MappedToIPv6);

        Assert.Equal(FeedAddressPolicy.RefusalOf(v4), FeedAddressPolicy.RefusalOf(mapped));
        Assert.False(FeedAddressPolicy.IsAllowed(mapped));
    }

    [Theory]
    [InlineData("::ffff:a9fe:a9fe", "link-local")]
    [InlineData("::ffff:7f00:1", "loopback")]
    [InlineData("::ffff:a00:1", "private")]
    public void IPv4_mapped_addresses_written_in_hex_are_judged_by_the_IPv4_address(string literal, string kind)
    {
        Assert.Contains(kind, FeedAddressPolicy.RefusalOf(IPAddress.Parse(literal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("168.63.129.17")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("fbff:ffff::1")]
    [InlineData("fe00::1")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Public_addresses_are_allowed_up_to_the_edges_of_each_range(string literal)
    {
        Assert.Null(FeedAddressPolicy.RefusalOf(IPAddress.Parse(literal)));
        Assert.True(FeedAddressPolicy.IsAllowed(IPAddress.Parse(literal)));
    }

    [Fact]
    public void The_refusal_names_the_address_and_the_setting_and_the_public_text_names_neither_address()
    {
        var direct = FeedAddressPolicy.Refusal("169.254.169.254", IPAddress.Parse("169.254.169.254"), "a link-local address", null);
        var named = FeedAddressPolicy.Refusal("metadata.internal", IPAddress.Parse("10.0.0.7"), "a private address", null);
        var redirected = FeedAddressPolicy.Refusal("127.0.0.1", IPAddress.Loopback, "a loopback address", "http://feeds.example/news.xml");

        Assert.Equal("Refused to connect to 169.254.169.254: a link-local address; set Fetch__AllowPrivateNetworks=true to allow feeds on private networks", direct);
        Assert.Equal("Refused to connect to metadata.internal (10.0.0.7): a private address; set Fetch__AllowPrivateNetworks=true to allow feeds on private networks", named);
        Assert.Contains("where http://feeds.example/news.xml redirected", redirected, StringComparison.Ordinal);

        Assert.Equal("Refused: the feed's address is on a private network", FeedAddressPolicy.PublicReason(direct));
        Assert.Equal("Refused: the feed's address is on a private network", FeedAddressPolicy.PublicReason(named));
        Assert.Equal("Refused: the feed redirected to an address on a private network", FeedAddressPolicy.PublicReason(redirected));
        Assert.Null(FeedAddressPolicy.PublicReason("http://feeds.example/news.xml answered 500 Internal Server Error"));
    }
}
