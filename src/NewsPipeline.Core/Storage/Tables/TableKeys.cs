using System.Text;

namespace NewsPipeline.Core.Storage.Tables;

/// <summary>Table keys may not contain '/', '\', '#', '?' or control characters; these escape them reversibly.</summary>
internal static class TableKeys
{
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '/' or '\\' or '#' or '?' or '|' || char.IsControl(c))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    public static string Unescape(string value) => Uri.UnescapeDataString(value);
}
