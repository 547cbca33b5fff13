using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Services.Readers;

namespace NewsPipeline.Tests.Readers;

/// <summary>ClientLogin, tokens and their end, and the failed-login limits, over HTTP.</summary>
public sealed class LoginTests
{
    [Fact]
    public async Task Login_answers_three_lines_ending_in_LF_and_the_write_token_is_the_token_and_one_LF()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddAccountAsync("alice");
        var anonymous = new ReaderSession(reader.Api.Http, null);

        var (status, body) = await anonymous.PostAsync("/api/greader/accounts/ClientLogin", "Email=Alice&Passwd=" + Uri.EscapeDataString(ReaderFixture.Password));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("\r", body, StringComparison.Ordinal);
        var lines = body.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[3]);
        Assert.StartsWith("SID=", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("LSID=", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Auth=", lines[2], StringComparison.Ordinal);
        var session = new ReaderSession(reader.Api.Http, lines[2][5..]);
        var (tokenStatus, token) = await session.GetAsync("/api/greader/reader/api/0/token");
        Assert.Equal(HttpStatusCode.OK, tokenStatus);
        Assert.EndsWith("\n", token, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", token[..^1], StringComparison.Ordinal);
        Assert.True(token.Length > 20);
        var info = await session.JsonAsync("/api/greader/reader/api/0/user-info");
        Assert.Equal("alice", info.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_name_gets_401_and_no_token()
    {
        await using var reader = await ReaderFixture.StartAsync();
        await reader.AddAccountAsync("alice");
        var anonymous = new ReaderSession(reader.Api.Http, null);

        var wrong = await anonymous.PostAsync("/api/greader/accounts/ClientLogin", "Email=alice&Passwd=not-the-password");
        var unknown = await anonymous.PostAsync("/api/greader/accounts/ClientLogin", "Email=mallory&Passwd=" + Uri.EscapeDataString(ReaderFixture.Password));

        foreach (var (status, body) in new[] { wrong, unknown })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.DoesNotContain("Auth=", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("GoogleLogin auth=made-up-token")]
    [InlineData("Bearer something")]
    public async Task Every_call_without_a_valid_token_is_401(string? authorization)
    {
        await using var reader = await ReaderFixture.StartAsync();
        var session = new ReaderSession(reader.Api.Http, null);
        foreach (var path in new[] { "reader/api/0/subscription/list?output=json", "reader/api/0/token", "reader/api/0/unread-count", "reader/atom/feed%2Fvoa" })
        {
            var (status, _) = await session.GetAsync("/api/greader/" + path, r =>
            {
                if (authorization is not null)
                {
                    r.Headers.TryAddWithoutValidation("Authorization", authorization);
                }
            });
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }

        var (postStatus, _) = await session.PostAsync("/api/greader/reader/api/0/edit-tag", "i=1&a=user/-/state/com.google/read");
        Assert.Equal(HttpStatusCode.Unauthorized, postStatus);
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires_and_when_the_password_changes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var reader = await ReaderFixture.StartAsync(new Dictionary<string, string?> { ["Reader:TokenLifetimeDays"] = "30" },
            services => services.AddSingleton<TimeProvider>(clock));
        await reader.AddAccountAsync("alice");
        var first = await reader.LoginAsync("alice");
        var second = await reader.LoginAsync("alice");

        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/greader/reader/api/0/token")).Status);
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/greader/reader/api/0/token")).Status);

        // A new password signs out every app: the second token, still within its lifetime, is revoked.
        var third = await reader.LoginAsync("alice");
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/api/greader/reader/api/0/token")).Status);
        await reader.Get<ReaderAccounts>().SetPasswordAsync("alice", "another long password", CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await third.GetAsync("/api/greader/reader/api/0/token")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/greader/reader/api/0/token")).Status);
        await reader.LoginAsync("alice", "another long password");
    }

    [Fact]
    public async Task Failed_logins_are_limited_per_account_then_per_address_with_a_clear_429()
    {
        await using var reader = await ReaderFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Reader:MaxFailedLogins"] = "3",
            ["Reader:MaxFailedLoginsPerAddress"] = "5",
            ["Reader:ClientAddressHeader"] = "X-Forwarded-For",
        });
        await reader.AddAccountAsync("alice");
        await reader.AddAccountAsync("bob");
        var anonymous = new ReaderSession(reader.Api.Http, null);
        Task<(HttpStatusCode Status, string Body)> Login(string name, string password, string address) =>
            anonymous.PostAsync("/api/greader/accounts/ClientLogin", $"Email={name}&Passwd={Uri.EscapeDataString(password)}",
                // The platform appends the address it saw; what the client wrote before it is not believed.
                r => r.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.99, " + address));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Login("alice", "wrong", "203.0.113.1")).Status);
        }

        // Now even the right password waits: the account is limited, from any address.
        var limited = await Login("alice", ReaderFixture.Password, "203.0.113.2");
        Assert.Equal((HttpStatusCode)429, limited.Status);
        Assert.Contains("Too many failed logins", limited.Body, StringComparison.Ordinal);
        // Another account from another address is unaffected.
        Assert.Equal(HttpStatusCode.OK, (await Login("bob", ReaderFixture.Password, "203.0.113.2")).Status);

        // One address guessing at several accounts is limited too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("bob", "wrong", "203.0.113.1")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("carol", "wrong", "203.0.113.1")).Status);
        var fromAddress = await Login("dave", "wrong", "203.0.113.1");
        Assert.Equal((HttpStatusCode)429, fromAddress.Status);
        Assert.Equal(HttpStatusCode.OK, (await Login("bob", ReaderFixture.Password, "203.0.113.3")).Status);
    }
}
