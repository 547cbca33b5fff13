using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NewsPipeline.Tests.Deployment;

/// <summary>One resource of a compiled ARM template, wherever it sits in the nesting of module deployments.</summary>
internal sealed record ArmResource(string Type, JsonObject Node, ArmTemplate Template, bool Conditional)
{
    /// <summary>The resolved text of a property path (e.g. "properties", "principalId"), or "" where it is absent.</summary>
    public string Text(params string[] path)
    {
        JsonNode? node = Node;
        foreach (var step in path)
        {
            node = node?[step];
        }

        return node is null ? "" : Template.Text(node);
    }
}

/// <summary>
/// A compiled ARM template (what <c>bicep build</c> writes) with its module deployments, read well enough to check
/// what a deployment will configure without deploying it. Expressions are not evaluated: references to parameters,
/// variables and module outputs are replaced by what they stand for, across module boundaries, and
/// <c>format()</c> calls are folded, so that a setting reads e.g.
/// <c>reference(resourceId('Microsoft.Storage/storageAccounts', 'st{…}'), …).primaryEndpoints.blob</c>.
/// Values only known at deployment time stay as expression text.
/// </summary>
internal sealed partial class ArmTemplate
{
    private const int MaxDepth = 40;

    private readonly JsonObject template;
    private readonly JsonObject? passedParameters;
    private readonly ArmTemplate? parent;
    private readonly Dictionary<string, ArmTemplate> modules = new(StringComparer.OrdinalIgnoreCase);

    private ArmTemplate(JsonObject template, JsonObject? passedParameters, ArmTemplate? parent, bool conditional, List<ArmResource> all)
    {
        this.template = template;
        this.passedParameters = passedParameters;
        this.parent = parent;

        // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
        var nodes = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };
        // An existing resource (languageVersion 2.0 lists them) is only a reference: it deploys nothing.
        foreach (var node in nodes.Where(n => n["existing"]?.GetValue<bool>() != true))
        {
            var type = (string?)node["type"] ?? "";
            var isConditional = conditional || node["condition"] is not null;
            all.Add(new ArmResource(type, node, this, isConditional));
            if (type.Equals("Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase) && node["properties"]?["template"] is JsonObject inner)
            {
                modules[(string?)node["name"] ?? ""] = new ArmTemplate(inner, node["properties"]?["parameters"] as JsonObject, this, isConditional, all);
            }
        }
    }

    /// <summary>Every resource, those of module deployments included (the deployments themselves too).</summary>
    public IReadOnlyList<ArmResource> Resources { get; private set; } = [];

    public static ArmTemplate Parse(JsonObject root)
    {
        var all = new List<ArmResource>();
        var template = new ArmTemplate(root, null, null, false, all);
        template.Resources = all;
        return template;
    }

    /// <summary>
    /// The resolved text of a JSON value of this template, for matching only: strings as ARM literals or expanded
    /// expressions, formats folded, and the quotes that folding doubled inside literals made single again.
    /// </summary>
    public string Text(JsonNode node)
    {
        var text = FoldFormats(Expand(node, 0));
        while (text.Contains("''", StringComparison.Ordinal))
        {
            text = text.Replace("''", "'", StringComparison.Ordinal);
        }

        return text;
    }

    private string Expand(JsonNode? node, int depth) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var text) => ExpandString(text, depth),
        JsonValue value => value.ToJsonString(),
        JsonArray array => "createArray(" + string.Join(", ", array.Select(item => Expand(item, depth))) + ")",
        JsonObject map => "createObject(" + string.Join(", ", map.Select(p => ExpandString(p.Key, depth) + ", " + Expand(p.Value, depth))) + ")",
        _ => node.ToJsonString(),
    };

    private string ExpandString(string text, int depth)
    {
        if (text.StartsWith("[[", StringComparison.Ordinal))
        {
            return Quote(text[1..]);
        }

        return text.StartsWith('[') && text.EndsWith(']') ? ExpandExpression(text[1..^1], depth) : Quote(text);
    }

    private string ExpandExpression(string expression, int depth)
    {
        if (depth > MaxDepth)
        {
            return expression;
        }

        expression = ModuleOutput().Replace(expression, m =>
            modules.TryGetValue(m.Groups["module"].Value, out var module) && module.template["outputs"]?[m.Groups["output"].Value]?["value"] is { } value
                ? "(" + module.Expand(value, depth + 1) + ")"
                : m.Value);
        expression = ParameterReference().Replace(expression, m => ExpandParameter(m.Groups["name"].Value, depth + 1));
        expression = VariableReference().Replace(expression, m =>
            template["variables"]?[m.Groups["name"].Value] is { } value ? Expand(value, depth + 1) : m.Value);
        return expression;
    }

    private string ExpandParameter(string name, int depth)
    {
        if (parent is not null && passedParameters?[name] is JsonObject { } wrapper && wrapper["value"] is { } passed)
        {
            return parent.Expand(passed, depth);
        }

        // A value chosen at deployment (`cond ? module.outputs.x : ''`) is passed as one expression that yields the
        // whole {"value": …} object: keep that expression, expanded.
        if (parent is not null && passedParameters?[name] is JsonValue expression)
        {
            return parent.Expand(expression, depth);
        }

        // A root parameter without a default is only known at deployment: keep its name.
        return template["parameters"]?[name]?["defaultValue"] is { } defaultValue ? Expand(defaultValue, depth) : Quote($"<{name}>");
    }

    internal static string Quote(string literal) => "'" + literal.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static bool IsLiteral(string text) => Literal().IsMatch(text.Trim());

    internal static string Unquote(string literal) => literal.Trim()[1..^1].Replace("''", "'", StringComparison.Ordinal);

    /// <summary>Folds <c>format('…{0}…', args)</c>, innermost first: literal arguments are inlined, others kept as <c>{expression}</c>.</summary>
    internal static string FoldFormats(string text)
    {
        for (var folded = true; folded;)
        {
            folded = false;
            for (var start = text.LastIndexOf("format(", StringComparison.Ordinal); start >= 0; start = start == 0 ? -1 : text.LastIndexOf("format(", start - 1, StringComparison.Ordinal))
            {
                if (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '.'))
                {
                    continue;
                }

                var open = start + "format(".Length;
                if (!TrySplitArguments(text, open, out var arguments, out var end) || arguments.Count == 0 || !IsLiteral(arguments[0]) ||
                    arguments.Any(a => a.Contains("format(", StringComparison.Ordinal)))
                {
                    continue;
                }

                var result = FormatPlaceholder().Replace(Unquote(arguments[0]), m =>
                {
                    var index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
                    return index >= arguments.Count ? m.Value : IsLiteral(arguments[index]) ? Unquote(arguments[index]) : "{" + arguments[index].Trim() + "}";
                });
                text = string.Concat(text.AsSpan(0, start), Quote(result), text.AsSpan(end + 1));
                folded = true;
                break;
            }
        }

        return text;
    }

    /// <summary>Splits the arguments of a call whose "(" ends just before <paramref name="open"/>; <paramref name="end"/> is its ")".</summary>
    private static bool TrySplitArguments(string text, int open, out List<string> arguments, out int end)
    {
        arguments = [];
        var current = new StringBuilder();
        var depth = 0;
        var quoted = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                current.Append(c);
                if (c == '\'')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        current.Append(text[++i]);
                    }
                    else
                    {
                        quoted = false;
                    }
                }

                continue;
            }

            switch (c)
            {
                case '\'':
                    quoted = true;
                    current.Append(c);
                    break;
                case '(' or '[':
                    depth++;
                    current.Append(c);
                    break;
                case ')' or ']' when depth > 0:
                    depth--;
                    current.Append(c);
                    break;
                case ')':
                    arguments.Add(current.ToString().Trim());
                    end = i;
                    return true;
                case ',' when depth == 0:
                    arguments.Add(current.ToString().Trim());
                    current.Clear();
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }

        end = -1;
        return false;
    }

    [GeneratedRegex(@"reference\((?:resourceId|extensionResourceId)\(.*?'Microsoft\.Resources/deployments', '(?<module>[^']+)'\), '[^']+'\)\.outputs\.(?<output>\w+)\.value")]
    private static partial Regex ModuleOutput();

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^'(?:[^']|'')*'$")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex FormatPlaceholder();
}
