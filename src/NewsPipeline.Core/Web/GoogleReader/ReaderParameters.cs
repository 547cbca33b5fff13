using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace NewsPipeline.Core.Web.GoogleReader;

/// <summary>
/// A Google Reader call's parameters: the query string and, for a POST, the form body — read as a raw
/// <c>application/x-www-form-urlencoded</c> body whatever its Content-Type says (some apps send none), up to 1 MiB.
/// </summary>
internal sealed class ReaderParameters
{
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly Dictionary<string, StringValues> values;

    private ReaderParameters(Dictionary<string, StringValues> values) => this.values = values;

    public static async Task<ReaderParameters?> ReadAsync(HttpRequest request)
    {
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value;
        }

        if (HttpMethods.IsPost(request.Method))
        {
            if (request.ContentLength > MaxBodyBytes)
            {
                return null;
            }

            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
            var buffer = new char[MaxBodyBytes + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (read > MaxBodyBytes)
            {
                return null;
            }

            foreach (var (key, value) in QueryHelpers.ParseQuery(new string(buffer, 0, read)))
            {
                values[key] = values.TryGetValue(key, out var existing) ? StringValues.Concat(existing, value) : value;
            }
        }

        return new ReaderParameters(values);
    }

    public string? this[string name] => values.TryGetValue(name, out var value) && value.Count > 0 ? value[^1] : null;

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var value) ? value.OfType<string>().ToList() : [];
}
