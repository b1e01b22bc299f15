using System.Collections;
using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// Binds a YAML document to plain classes strictly: an unknown field, a value of the wrong
/// type or malformed YAML is an error naming the file, line, column and field path, and the
/// fields that are accepted. Fields are the camelCase names of public settable properties.
/// Scalars: string, int, long, double, bool, <see cref="TimeSpan"/> (Go durations such as
/// <c>500ms</c>, <c>1m30s</c>) and enums (case-insensitive).
/// </summary>
public static class YamlBinder
{
    /// <summary>Binds <paramref name="yaml"/> to a new <typeparamref name="T"/>.</summary>
    /// <param name="yaml">The document (an empty document gives a default instance).</param>
    /// <param name="source">The file name used in errors.</param>
    /// <param name="positions">Where each value came from, for checks after binding.</param>
    /// <exception cref="YamlBindingException">The YAML is malformed or does not fit <typeparamref name="T"/>.</exception>
    public static T Bind<T>(string yaml, string source, out YamlPositions positions)
        where T : new()
    {
        positions = new YamlPositions(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new YamlBindingException(source, e.Start.Line, e.Start.Column, "", $"malformed YAML: {Describe(e)}", e);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new YamlBindingException(source, second.Line, second.Column, "", "expected one YAML document, found several; remove the extra '---' section");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new T();
        }

        return (T)BindNode(stream.Documents[0].RootNode, typeof(T), "", positions);
    }

    private static object BindNode(YamlNode node, Type type, string path, YamlPositions positions)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string) || target.IsPrimitive || target.IsEnum || target == typeof(TimeSpan) || target == typeof(decimal))
        {
            return BindScalar(node, target, path, positions);
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(List<>))
        {
            var items = Expect<YamlSequenceNode>(node, path, "a list", positions);
            var list = (IList)Activator.CreateInstance(target)!;
            var itemType = target.GetGenericArguments()[0];
            for (var i = 0; i < items.Children.Count; i++)
            {
                list.Add(BindNode(items.Children[i], itemType, $"{path}[{i}]", positions));
            }

            return list;
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var mapping = Expect<YamlMappingNode>(node, path, "a mapping", positions);
            var map = (IDictionary)Activator.CreateInstance(target)!;
            var valueType = target.GetGenericArguments()[1];
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                map[key] = BindNode(valueNode, valueType, Join(path, key), positions);
            }

            return map;
        }

        return BindObject(node, target, path, positions);
    }

    private static object BindObject(YamlNode node, Type type, string path, YamlPositions positions)
    {
        var mapping = Expect<YamlMappingNode>(node, path, "a mapping", positions);
        var obj = Activator.CreateInstance(type) ?? throw new InvalidOperationException($"{type.Name} needs a parameterless constructor");
        positions.RecordObject(obj, mapping.Start.Line, mapping.Start.Column, path);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => CamelCase(p.Name), StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var fieldPath = Join(path, key);
            if (!properties.TryGetValue(key, out var property))
            {
                throw new YamlBindingException(
                    positions.Source, keyNode.Start.Line, keyNode.Start.Column, fieldPath,
                    $"unknown field \"{key}\"; the fields here are: {string.Join(", ", properties.Keys)}");
            }

            positions.RecordField(obj, key, valueNode.Start.Line, valueNode.Start.Column, fieldPath);
            if (valueNode is YamlScalarNode { Value: null or "~" or "null", Style: ScalarStyle.Plain })
            {
                continue; // an explicit null keeps the default
            }

            property.SetValue(obj, BindNode(valueNode, property.PropertyType, fieldPath, positions));
        }

        return obj;
    }

    private static object BindScalar(YamlNode node, Type type, string path, YamlPositions positions)
    {
        var scalar = Expect<YamlScalarNode>(node, path, $"a {Describe(type)}", positions);
        var text = scalar.Value ?? "";
        object? value = type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ when type == typeof(decimal) => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null,
            _ when type == typeof(bool) => text switch { "true" or "True" or "TRUE" => true, "false" or "False" or "FALSE" => false, _ => null },
            _ when type == typeof(TimeSpan) => GoDuration.TryParse(text, out var t) ? t : null,
            _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse(type, name) : null,
            _ => null,
        };
        return value ?? throw new YamlBindingException(
            positions.Source, scalar.Start.Line, scalar.Start.Column, path,
            $"\"{text}\" is not {Article(Describe(type))}{(type.IsEnum ? $"; use one of: {string.Join(", ", Enum.GetNames(type).Select(CamelCase))}" : "")}");
    }

    private static TNode Expect<TNode>(YamlNode node, string path, string what, YamlPositions positions)
        where TNode : YamlNode =>
        node as TNode ?? throw new YamlBindingException(
            positions.Source, node.Start.Line, node.Start.Column, path,
            $"expected {Article(what)}, found {node.NodeType.ToString().ToLowerInvariant()}");

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "whole number",
        _ when type == typeof(double) || type == typeof(decimal) => "number",
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type == typeof(TimeSpan) => "duration such as 500ms, 10s or 1m30s",
        _ when type.IsEnum => "value",
        _ => "string",
    };

    private static string Article(string noun) =>
        noun.StartsWith("a ", StringComparison.Ordinal) || noun.StartsWith("an ", StringComparison.Ordinal) ? noun
        : ("aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an " : "a ") + noun;

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 && message.StartsWith('(') ? message[(close + 3)..] : message;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
