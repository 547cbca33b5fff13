using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace NewsPipeline.Tests.Deployment;

/// <summary>
/// The Bicep CLI the test project restores from NuGet (infra/tools/Bicep.props, the same one infra/check.sh uses), so
/// that <c>dotnet test</c> compiles the templates from a fresh clone. Elsewhere than linux-x64: <c>BICEP_CLI</c> or a
/// <c>bicep</c> on the PATH, else the tests that need it are skipped with the reason.
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<Task<string>> Main = new(() => CompileAsync(System.IO.Path.Combine(Infrastructure.RepositoryPaths.Root, "infra", "main.bicep")));

    public static string? Path { get; } = Locate();

    /// <summary>infra/main.bicep, compiled once; each caller gets its own JSON tree (JsonNode is not safe to share across threads).</summary>
    public static async Task<JsonObject> BuildMainAsync() => (JsonObject)JsonNode.Parse(await Main.Value)!;

    public static async Task<JsonObject> BuildAsync(string template) => (JsonObject)JsonNode.Parse(await CompileAsync(template))!;

    private static async Task<string> CompileAsync(string template)
    {
        Skip.If(Path is null, "No Bicep CLI: the NuGet package Azure.Bicep.CommandLine.linux-x64 only runs on linux-x64; set BICEP_CLI or put bicep on the PATH.");
        var start = new ProcessStartInfo(Path!, ["build", template, "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"bicep build {template} failed ({process.ExitCode}):\n{await errors}");
        return await output;
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("BICEP_CLI") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var restored = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BicepCli")?.Value;
        if (OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64 && File.Exists(restored))
        {
            // NuGet does not always keep the executable bit of a package's files.
            var mode = File.GetUnixFileMode(restored);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(restored, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }

            return restored;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "bicep.exe" : "bicep"))
            .FirstOrDefault(File.Exists);
    }
}
