using System.Text.Json;
using Microsoft.Extensions.Configuration;
using NewsPipeline.Core.Services.Pipeline;

using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// The settings `newsfeed` runs with, by the same names as the Functions app: built-in defaults for a local run
/// (Azurite, the demo feed, a 15-minute schedule, feeds on private networks allowed), then the "Values" of a local.settings.json, then environment variables.
/// </summary>
internal static class LocalConfiguration
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";
    public const string DefaultSchedule = FetchSchedule.Default;

    /// <summary>Fetch__AllowPrivateNetworks as a configuration key: true in every <c>newsfeed</c> command unless set otherwise.</summary>
    public const string AllowPrivateNetworks = "Fetch:AllowPrivateNetworks";

    public static string DemoFeedPath => Path.Combine(AppContext.BaseDirectory, "demo", "demo-feed.xml");

    public static IConfigurationRoot Build(string? settingsFile, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionName] = DevelopmentStorage,
            [FetchSchedule.SettingName] = DefaultSchedule,
            ["Feeds"] = "demo=" + DemoFeedPath,
            // Local files are feeds only here, on the operator's machine; the Functions app reads http(s) alone.
            ["AllowLocalFeeds"] = "true",
            // Feeds on this machine and its network are the point of a local run; the Functions app refuses them.
            [AllowPrivateNetworks] = "true",
        });

        if (settingsFile is not null)
        {
            builder.AddInMemoryCollection(ReadLocalSettings(settingsFile));
        }

        builder.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    /// <summary>The "Values" of a Functions local.settings.json, with "__" read as the section separator as the host does.</summary>
    private static Dictionary<string, string?> ReadLocalSettings(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Settings file '{path}' does not exist. Copy local.settings.sample.json to start one.", path);
        }

        using var document = Parse(path);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            foreach (var property in section.EnumerateObject())
            {
                var key = property.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                values[key] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }

            // Feed paths in local.settings.json are relative to the file, as `func start` runs from its folder.
            if (values.TryGetValue("Feeds", out var feeds) && feeds is not null)
            {
                values["Feeds"] = ResolveFeedPaths(feeds, folder);
            }
        }

        return values;
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            // The parser's words end with its own "LineNumber: 0 | BytePositionInLine: 37." (zero-based): say it as an editor would.
            var at = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            var reason = NewsPipeline.Core.Model.ReasonText.WithoutFinalPeriod(at > 0 ? e.Message[..at] : e.Message);
            throw new FormatException(
                $"Settings file '{path}' is not valid JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {reason}. " +
                "Fix it (local.settings.sample.json shows the shape: { \"Values\": { \"Feeds\": \"…\" } }), then run again.", e);
        }
    }

    private static string ResolveFeedPaths(string feeds, string folder) =>
        string.Join(';', NewsPipeline.Core.Model.Feeds.FeedSource.ParseList(feeds).Select(feed =>
            Uri.TryCreate(feed.Location, UriKind.Absolute, out _) || Path.IsPathRooted(feed.Location)
                ? $"{feed.Name}={feed.Location}"
                : $"{feed.Name}={Path.GetFullPath(Path.Combine(folder, feed.Location))}"));
}
