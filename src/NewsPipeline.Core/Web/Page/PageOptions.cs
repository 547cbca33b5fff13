using System.ComponentModel.DataAnnotations;

namespace NewsPipeline.Core.Web.Page;

/// <summary>Settings of the reading page (<c>Page__…</c>).</summary>
public sealed class PageOptions : IValidatableObject
{
    public const string Section = "Page";

    /// <summary>
    /// Origins images may come from besides any <c>https:</c> address (the CSP's <c>img-src</c>), separated by commas
    /// or spaces: an image server on plain http, such as a local one in tests (<c>http://127.0.0.1:8080</c>).
    /// </summary>
    public string? ImageSources { get; set; }

    public IReadOnlyList<string> ImageSourceList() =>
        (ImageSources ?? "").Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/')).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in ImageSourceList())
        {
            // Only an origin: anything else (a quote, a ';', a keyword) would change the policy it is written into.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0
                || !string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase))
            {
                yield return new ValidationResult($"Page__ImageSources: '{origin}' is not an origin; name each as scheme://host[:port] (http://127.0.0.1:8080).",
                    [nameof(ImageSources)]);
            }
        }
    }
}
