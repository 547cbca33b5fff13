using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Composition;
using NewsPipeline.Core.Services.Fetching;
using NewsPipeline.Tests.Infrastructure;

namespace NewsPipeline.Tests.Deployment;

/// <summary>
/// Fetch__AllowPrivateNetworks is off unless someone turns it on: in Core's options, in the Functions app (nothing it
/// reads sets it), in Azure (no Bicep file sets it true), so the feed client refuses private addresses there; every
/// <c>newsfeed</c> command turns it on, unless the user said otherwise.
/// </summary>
public sealed partial class PrivateNetworkDefaultTests
{
    [Fact]
    public void Core_refuses_private_networks_unless_told_otherwise_and_installs_the_guard()
    {
        Assert.False(new FetchOptions().AllowPrivateNetworks);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddFeedFetching(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.False(provider.GetRequiredService<IOptions<FetchOptions>>().Value.AllowPrivateNetworks);
        var handler = PrimaryHandler(provider);
        Assert.NotNull(handler.ConnectCallback);
        Assert.False(handler.UseProxy);
    }

    [Fact]
    public void With_private_networks_allowed_the_feed_client_connects_as_any_client_does()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Fetch:AllowPrivateNetworks"] = "true" }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddFeedFetching(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Null(PrimaryHandler(provider).ConnectCallback);
    }

    [Fact]
    public void Nothing_the_Functions_app_or_Azure_reads_sets_it_true()
    {
        var root = RepositoryPaths.Root;
        var files = Directory.EnumerateFiles(Path.Combine(root, "infra"), "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".bicep", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src", "NewsPipeline.Functions"), "*.cs", SearchOption.TopDirectoryOnly))
            .Append(Path.Combine(root, "src", "NewsPipeline.Functions", "host.json"))
            .Append(Path.Combine(root, "local.settings.sample.json"))
            .Append(Path.Combine(root, "azure.yaml"))
            .ToList();
        Assert.Contains(files, path => path.EndsWith("function-app.bicep", StringComparison.Ordinal));

        var setting = files.Where(path => SetTrue().IsMatch(File.ReadAllText(path))).Select(path => Path.GetRelativePath(root, path)).ToList();
        Assert.True(setting.Count == 0, "Fetch__AllowPrivateNetworks is set true in: " + string.Join(", ", setting));
        // The Functions app's code does not turn it on either: only the CLI's configuration does.
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(root, "src", "NewsPipeline.Functions"), "*.cs"),
            path => File.ReadAllText(path).Contains("AllowPrivateNetworks", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_newsfeed_command_allows_private_networks_unless_the_user_set_it()
    {
        Assert.Equal("true", LocalConfiguration.Build(null)["Fetch:AllowPrivateNetworks"]);
        Assert.True(LocalConfiguration.Build(null).GetSection(FetchOptions.Section).Get<FetchOptions>()!.AllowPrivateNetworks);

        var settings = Path.Combine(Path.GetTempPath(), $"newspipeline-settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(settings, """{ "Values": { "Fetch__AllowPrivateNetworks": "false" } }""");
        try
        {
            Assert.Equal("false", LocalConfiguration.Build(settings)["Fetch:AllowPrivateNetworks"]);
        }
        finally
        {
            File.Delete(settings);
        }
    }

    private static SocketsHttpHandler PrimaryHandler(IServiceProvider provider)
    {
        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(FeedFetcher.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        return Assert.IsType<SocketsHttpHandler>(handler);
    }

    [GeneratedRegex(@"AllowPrivateNetworks['""]?\s*[:=]\s*['""]?true", RegexOptions.IgnoreCase)]
    private static partial Regex SetTrue();
}
