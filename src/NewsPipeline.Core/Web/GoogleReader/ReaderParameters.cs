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
        // Names are case-sensitive here: Google Reader's t (a title) and T (the write token) are different parameters,
        // which ASP.NET Core's query collection and QueryHelpers.ParseQuery would fold into one.
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        Add(values, request.QueryString.Value);

        if (HttpMethods.IsPost(request.Method))
        {
            if (request.ContentLength > MaxBodyBytes)
            {
                return null;
            }

            // Read in chunks up to the cap: a form of ids is a few KiB, and a client that says no length still ends.
            using var body = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                body.Write(chunk, 0, read);
            }

            var form = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
            Add(values, form);
        }

        return new ReaderParameters(values);
    }

    private static void Add(Dictionary<string, StringValues> values, string? query)
    {
        foreach (var pair in new QueryStringEnumerable(query))
        {
            var key = pair.DecodeName().ToString();
            var value = pair.DecodeValue().ToString();
            values[key] = values.TryGetValue(key, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
        }
    }

    public string? this[string name] => values.TryGetValue(name, out var value) && value.Count > 0 ? value[^1] : null;

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var value) ? value.OfType<string>().ToList() : [];
}
