using Mono.Cecil;

namespace NewsPipeline.Tests.Layering;

/// <summary>
/// Which namespaces of an assembly use which, read from its IL with Mono.Cecil: signatures, base types, attributes and
/// every type, method and field a method body touches. A <c>using</c> line tells less (a namespace sees its parents'
/// types without one), so the layering is judged on what the compiled code really refers to.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, HashSet<string>> edges = new(StringComparer.Ordinal);
    private readonly Dictionary<(string From, string To), string> examples = new();

    public IReadOnlyDictionary<string, HashSet<string>> Edges => edges;

    /// <summary>Every namespace of the assembly and the external namespaces (other assemblies) each one uses.</summary>
    public Dictionary<string, HashSet<string>> External { get; } = new(StringComparer.Ordinal);

    public static NamespaceGraph Of(string assemblyPath, string rootNamespace)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var graph = new NamespaceGraph();
        foreach (var type in module.GetTypes())
        {
            var from = NamespaceOf(type);
            if (!from.StartsWith(rootNamespace, StringComparison.Ordinal))
            {
                continue; // <Module>, and what source generators add in their own namespaces (regular expressions)
            }

            graph.edges.TryAdd(from, []);
            foreach (var used in References(type))
            {
                graph.Add(module, type, from, used);
            }
        }

        return graph;
    }

    public string ExampleOf(string from, string to) => examples.GetValueOrDefault((from, to), "?");

    /// <summary>The groups of namespaces that use each other in a ring (strongly connected components of more than one).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = 0;
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowLinks = new Dictionary<string, int>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (onStack.Contains(next) && indices.TryGetValue(next, out var nextIndex))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], nextIndex);
                }
            }

            if (lowLinks[node] == indices[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    cycles.Add(component);
                }
            }
        }

        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!indices.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }

    private void Add(ModuleDefinition module, TypeDefinition user, string from, TypeReference? used)
    {
        while (used is TypeSpecification specification and not GenericInstanceType)
        {
            used = specification.ElementType;
        }

        if (used is null or GenericParameter)
        {
            return;
        }

        if (used is GenericInstanceType generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                Add(module, user, from, argument);
            }

            used = generic.ElementType;
        }

        var to = NamespaceOf(used);
        if (used.Scope is ModuleDefinition || used.Module == module && used.Scope == module)
        {
            if (to.Length > 0 && to != from && edges[from].Add(to))
            {
                examples[(from, to)] = $"{user.FullName} uses {used.FullName}";
            }
        }
        else if (to.Length > 0)
        {
            if (!External.TryGetValue(from, out var external))
            {
                External[from] = external = new HashSet<string>(StringComparer.Ordinal);
            }

            if (external.Add(to))
            {
                examples[(from, to)] = $"{user.FullName} uses {used.FullName}";
            }
        }
    }

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }

    private static IEnumerable<TypeReference?> References(TypeDefinition type)
    {
        yield return type.BaseType;
        foreach (var implemented in type.Interfaces)
        {
            yield return implemented.InterfaceType;
        }

        foreach (var attribute in Attributes(type))
        {
            yield return attribute;
        }

        foreach (var field in type.Fields)
        {
            yield return field.FieldType;
            foreach (var attribute in Attributes(field))
            {
                yield return attribute;
            }
        }

        foreach (var property in type.Properties)
        {
            yield return property.PropertyType;
            foreach (var attribute in Attributes(property))
            {
                yield return attribute;
            }
        }

        foreach (var method in type.Methods)
        {
            foreach (var used in UsedBy(method))
            {
                yield return used;
            }
        }
    }

    private static IEnumerable<TypeReference?> UsedBy(MethodDefinition method)
    {
        yield return method.ReturnType;
        foreach (var parameter in method.Parameters)
        {
            yield return parameter.ParameterType;
            foreach (var attribute in Attributes(parameter))
            {
                yield return attribute;
            }
        }

        foreach (var attribute in Attributes(method))
        {
            yield return attribute;
        }

        if (!method.HasBody)
        {
            yield break;
        }

        foreach (var variable in method.Body.Variables)
        {
            yield return variable.VariableType;
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference operandType:
                    yield return operandType;
                    break;
                case MethodReference called:
                    yield return called.DeclaringType;
                    yield return called.ReturnType;
                    foreach (var parameter in called.Parameters)
                    {
                        yield return parameter.ParameterType;
                    }

                    if (called is GenericInstanceMethod genericMethod)
                    {
                        foreach (var argument in genericMethod.GenericArguments)
                        {
                            yield return argument;
                        }
                    }

                    break;
                case FieldReference field:
                    yield return field.DeclaringType;
                    yield return field.FieldType;
                    break;
            }
        }
    }

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider) =>
        provider.HasCustomAttributes ? provider.CustomAttributes.Select(attribute => attribute.AttributeType) : [];
}
