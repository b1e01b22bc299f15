using System.Collections.Frozen;
using System.Globalization;
using Keelson.Simulator.Api.Protobuf.Messages;

namespace Keelson.Simulator.Api.Protobuf;

/// <summary>
/// The protobuf messages of the kinds <c>kubectl create</c> makes and the simulator serves, with everything they
/// reach. Field numbers and types are those of k8s.io/api's <c>generated.proto</c> as kubectl 1.33 compiles them;
/// pointer marks come from the Go types. The table is written in a small language (see <c>README.md</c>) under
/// <c>Messages/</c>, one file per protobuf package, and parsed once, on first use.
/// </summary>
internal static class MessageTable
{
    private static readonly Lazy<FrozenDictionary<string, MessageDescriptor>> BuiltIn = new(() => Parse(
    [
        (nameof(MetaV1Messages), MetaV1Messages.Text),
        (nameof(CoreV1Messages), CoreV1Messages.Text),
        (nameof(AppsV1Messages), AppsV1Messages.Text),
        (nameof(BatchV1Messages), BatchV1Messages.Text),
        (nameof(PolicyV1Messages), PolicyV1Messages.Text),
    ]));

    /// <summary>The message of a kind, e.g. <c>apps/v1</c> <c>Deployment</c>; null when the table has no such kind.</summary>
    public static MessageDescriptor? ForKind(string apiVersion, string kind) =>
        BuiltIn.Value.GetValueOrDefault(kind) is { ApiVersion: { } version } message && version == apiVersion ? message : null;

    /// <summary>Reads table sources; a mistake fails with the source and line.</summary>
    /// <param name="sources">Each source's name (for errors) and text.</param>
    internal static FrozenDictionary<string, MessageDescriptor> Parse(IEnumerable<(string Source, string Text)> sources)
    {
        var messages = new Dictionary<string, MessageDescriptor>(StringComparer.Ordinal);
        foreach (var (source, text) in sources)
        {
            string? package = null;
            string? apiVersion = null;
            (string Name, string? ApiVersion, List<FieldDescriptor> Fields)? current = null;
            var lineNumber = 0;
            foreach (var raw in text.Split('\n'))
            {
                lineNumber++;
                var words = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0 || words[0].StartsWith('#'))
                {
                    continue;
                }

                string Where() => $"{source} line {lineNumber.ToString(CultureInfo.InvariantCulture)}";
                switch (words)
                {
                    case ["package", var name, .. var rest] when rest.Length <= 1:
                        Add();
                        (package, apiVersion) = (name, rest.FirstOrDefault());
                        break;
                    case ["message", var name, .. var rest] when rest is [] or ["kind"]:
                        Add();
                        if (package is null)
                        {
                            throw new InvalidOperationException($"{Where()}: message {name} comes before any package");
                        }

                        if (rest is ["kind"] && apiVersion is null)
                        {
                            throw new InvalidOperationException($"{Where()}: kind {name} is in package {package}, which declares no apiVersion");
                        }

                        current = (name, rest is ["kind"] ? apiVersion : null, []);
                        break;
                    case [var number, var name, var type] when current is not null:
                        current.Value.Fields.Add(Field(number, name, type, Where));
                        break;
                    default:
                        throw new InvalidOperationException($"{Where()}: cannot read \"{raw.Trim()}\"");
                }
            }

            Add();

            void Add()
            {
                if (current is { } done)
                {
                    var message = new MessageDescriptor(package!, done.Name, done.ApiVersion, done.Fields);
                    if (!messages.TryAdd(done.Name, message))
                    {
                        throw new InvalidOperationException($"{source}: message {done.Name} is declared twice");
                    }

                    current = null;
                }
            }
        }

        foreach (var message in messages.Values)
        {
            foreach (var field in message.Fields.Where(f => f.Type == FieldType.Message))
            {
                field.Message = messages.GetValueOrDefault(field.MessageName!)
                    ?? throw new InvalidOperationException($"{message.FullName}.{field.Name}: no message {field.MessageName} in the table");
            }
        }

        return messages.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Reads <c>number name type</c>: <c>7 paused bool</c>, <c>1 replicas *int32</c>, <c>6 env []EnvVar</c>, <c>11 labels map[string]string</c>, <c>2 inline VolumeSource</c>.</summary>
    private static FieldDescriptor Field(string numberText, string name, string type, Func<string> where)
    {
        if (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number == 0)
        {
            throw new InvalidOperationException($"{where()}: \"{numberText}\" is not a field number");
        }

        var shape = name == "inline" ? FieldShape.Inline : FieldShape.Single;
        var pointer = false;
        if (type.StartsWith("[]", StringComparison.Ordinal))
        {
            (shape, type) = (FieldShape.Repeated, type[2..]);
        }
        else if (type.StartsWith("map[string]", StringComparison.Ordinal))
        {
            (shape, type) = (FieldShape.Map, type["map[string]".Length..]);
        }
        else if (type.StartsWith('*'))
        {
            (pointer, type) = (true, type[1..]);
        }

        var fieldType = type switch
        {
            "string" => FieldType.String,
            "bytes" => FieldType.Bytes,
            "bool" => FieldType.Bool,
            "int32" => FieldType.Int32,
            "int64" => FieldType.Int64,
            "Quantity" => FieldType.Quantity,
            "IntOrString" => FieldType.IntOrString,
            "Time" => FieldType.Time,
            "FieldsV1" => FieldType.FieldsV1,
            _ when type.Length > 0 && char.IsAsciiLetterUpper(type[0]) => FieldType.Message,
            _ => throw new InvalidOperationException($"{where()}: unknown type \"{type}\""),
        };
        if (pointer && fieldType is not (FieldType.String or FieldType.Bool or FieldType.Int32 or FieldType.Int64))
        {
            throw new InvalidOperationException($"{where()}: only string, bool and integer fields are marked as pointers");
        }

        if (shape == FieldShape.Inline && fieldType != FieldType.Message)
        {
            throw new InvalidOperationException($"{where()}: only a message can be inline");
        }

        return new FieldDescriptor(number, name, fieldType, shape, pointer, fieldType == FieldType.Message ? type : null);
    }
}
