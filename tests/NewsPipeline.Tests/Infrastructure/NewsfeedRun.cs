using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsPipeline.Tests.Infrastructure;

/// <summary>`newsfeed run` as a user starts it: the built program as a real process on a port of 127.0.0.1.</summary>
internal static class NewsfeedRun
{
    /// <summary>Starts `newsfeed run --port PORT` with these settings (and no Feeds setting of the test runner's own).</summary>
    public static Process Start(int port, Dictionary<string, string> environment, bool captureErrors = true)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "newsfeed.dll"));
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment.Remove("Feeds");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        if (captureErrors)
        {
            process.ErrorDataReceived += (_, _) => { };
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls /api/items until it lists <paramref name="count"/> items; their titles, newest first.</summary>
    public static async Task<List<string>> WaitForItemsAsync(int port, Process process, int count, int seconds = 60)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                var page = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/api/items");
                var titles = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
                if (titles.Count >= count)
                {
                    return titles;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"newsfeed run did not serve {count} items on port {port} within {seconds} s (exited: {process.HasExited}).");
    }
}
