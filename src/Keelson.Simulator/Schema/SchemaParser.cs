using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Schema;

/// <summary>
/// Reads the compact schema language the built-in definitions are written in (see <c>Definitions/</c>):
/// <code>
/// package io.k8s.api.apps.v1 v1
/// type DeploymentSpec "DeploymentSpec is the specification of the desired behavior of the Deployment."
///   replicas *int32
///   selector *LabelSelector required
///   template PodTemplateSpec required
///   strategy DeploymentStrategy retainKeys
/// resource apps/v1 Deployment deployments namespaced sub=status,scale short=deploy
/// </code>
/// Field types read like Go: <c>*T</c> pointer, <c>T</c> value, <c>[]T</c> slice, <c>map[T]</c> map of string to T;
/// primitives are <c>string int32 int64 float64 bool bytes object</c>. Attributes: <c>required</c>,
/// <c>noomit</c> (Go field without omitempty that OpenAPI still calls optional),
/// <c>merge</c>/<c>merge=key</c>, <c>retainKeys</c>, <c>replace</c>, <c>list=atomic|set|map</c>, <c>keys=a,b</c>,
/// <c>atomic</c>, <c>default=v</c>, <c>go=GoType</c>; a quoted string at the end is the description.
/// Mistakes fail at start with the source name and line.
/// </summary>
internal sealed class SchemaParser
{
    private const string ApiVersionDescription = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
    private const string KindDescription = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
    private const string MetadataDescription = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
    private const string ListMetadataDescription = "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

    private static readonly string[] DefaultVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    private readonly Dictionary<string, TypeSchema> _definitions = new(StringComparer.Ordinal);
    private readonly List<PendingType> _pendingTypes = [];
    private readonly List<PendingResource> _pendingResources = [];

    /// <summary>Parses the sources and links every reference; throws with source and line on any mistake.</summary>
    public static (IReadOnlyDictionary<string, TypeSchema> Definitions, IReadOnlyList<ResourceDefinition> Resources) Parse(
        IEnumerable<(string Source, string Text)> sources)
    {
        var parser = new SchemaParser();
        foreach (var (source, text) in sources)
        {
            parser.ReadDeclarations(source, text);
        }

        parser.LinkFields();
        var resources = parser.BuildResources();
        return (parser._definitions, resources);
    }

    private void ReadDeclarations(string source, string text)
    {
        string? package = null;
        string? goPackage = null;
        PendingType? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var where = new Location(source, i + 1);
            var raw = lines[i].TrimEnd('\r');
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var (words, description) = Split(trimmed, where);
            if (raw[0] == ' ')
            {
                if (current is null)
                {
                    throw where.Error("field outside a type declaration");
                }

                current.Lines.Add((words, description, where));
                continue;
            }

            current = null;
            switch (words[0])
            {
                case "package":
                    Expect(words.Count == 3, where, "expected 'package <definition prefix> <go package>'");
                    package = words[1];
                    goPackage = words[2];
                    break;
                case "type":
                    Expect(words.Count >= 2, where, "expected 'type <Name> [atomic] [kind=apiVersion/Kind]'");
                    current = DeclareType(words, description, package, goPackage, where);
                    break;
                case "scalar":
                    Expect(words.Count == 3, where, "expected 'scalar <Name> <quantity|int-or-string|time|microtime|freeform|string>'");
                    DeclareScalar(words[1], words[2], description, package, goPackage, where);
                    break;
                case "resource":
                    Expect(words.Count >= 5, where, "expected 'resource <apiVersion> <Kind> <plural> <namespaced|cluster> [sub=..] [verbs=..] [short=..]'");
                    _pendingResources.Add(new PendingResource(words, where));
                    break;
                default:
                    throw where.Error($"unknown declaration '{words[0]}'");
            }
        }
    }

    private PendingType DeclareType(List<string> words, string? description, string? package, string? goPackage, Location where)
    {
        var name = Qualify(package, words[1], where);
        var type = new TypeSchema(SchemaKind.Struct, name) { Description = description, GoPackage = goPackage };
        var kinds = new List<GroupVersionKind>();
        foreach (var word in words.Skip(2))
        {
            if (word == "atomic")
            {
                type.IsAtomic = true;
            }
            else if (word.StartsWith("kind=", StringComparison.Ordinal))
            {
                var value = word["kind=".Length..];
                var slash = value.LastIndexOf('/');
                Expect(slash > 0, where, $"kind '{value}' must be apiVersion/Kind");
                kinds.Add(GroupVersionKind.FromApiVersion(value[..slash], value[(slash + 1)..]));
            }
            else
            {
                throw where.Error($"unknown type attribute '{word}'");
            }
        }

        type.GroupVersionKinds = kinds;
        Define(type, where);
        var pending = new PendingType(type, package, where);
        _pendingTypes.Add(pending);
        return pending;
    }

    private void DeclareScalar(string shortName, string kind, string? description, string? package, string? goPackage, Location where)
    {
        var schemaKind = kind switch
        {
            "quantity" => SchemaKind.Quantity,
            "int-or-string" => SchemaKind.IntOrString,
            "time" => SchemaKind.Time,
            "microtime" => SchemaKind.MicroTime,
            "freeform" => SchemaKind.FreeForm,
            "string" => SchemaKind.String,
            _ => throw where.Error($"unknown scalar kind '{kind}'"),
        };
        var type = new TypeSchema(schemaKind, Qualify(package, shortName, where))
        {
            Description = description,
            GoPackage = goPackage,
            Format = schemaKind switch
            {
                SchemaKind.IntOrString => "int-or-string",
                SchemaKind.Time or SchemaKind.MicroTime => "date-time",
                _ => null,
            },
        };
        Define(type, where);
    }

    private void Define(TypeSchema type, Location where)
    {
        if (!_definitions.TryAdd(type.Name!, type))
        {
            throw where.Error($"type {type.Name} is declared twice");
        }
    }

    private void LinkFields()
    {
        var done = new HashSet<PendingType>();
        foreach (var pending in _pendingTypes)
        {
            Link(pending, done, []);
        }
    }

    private void Link(PendingType pending, HashSet<PendingType> done, HashSet<PendingType> inProgress)
    {
        if (done.Contains(pending))
        {
            return;
        }

        if (!inProgress.Add(pending))
        {
            throw pending.Where.Error($"type {pending.Type.Name} includes itself");
        }

        var fields = new List<FieldSchema>();
        foreach (var (words, description, where) in pending.Lines)
        {
            if (words[0] == "include")
            {
                Expect(words.Count == 2, where, "expected 'include <Type>'");
                var includedType = Resolve(words[1], pending.Package, where);
                var included = _pendingTypes.FirstOrDefault(p => p.Type == includedType)
                    ?? throw where.Error($"{words[1]} is not a struct type");
                Link(included, done, inProgress);
                fields.AddRange(included.Type.Fields);
                continue;
            }

            Expect(words.Count >= 2, where, "expected '<field> <type> [attributes]'");
            fields.Add(ParseField(words, description, pending, where));
        }

        var duplicate = fields.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw pending.Where.Error($"type {pending.Type.Name} declares field '{duplicate.Key}' twice");
        }

        if (pending.Type.GroupVersionKinds.Count > 0)
        {
            foreach (var field in fields)
            {
                field.Description ??= field.Name switch
                {
                    "apiVersion" => ApiVersionDescription,
                    "kind" => KindDescription,
                    "metadata" => MetadataDescription,
                    _ => null,
                };
            }
        }

        pending.Type.Fields = fields;
        inProgress.Remove(pending);
        done.Add(pending);
    }

    private FieldSchema ParseField(List<string> words, string? description, PendingType owner, Location where)
    {
        var typeText = words[1];
        var pointer = typeText.StartsWith('*');
        var type = ParseType(pointer ? typeText[1..] : typeText, owner.Package, where);
        var field = new FieldSchema(words[0], type) { Description = description, Pointer = pointer };
        var strategies = new List<string>();
        ListType? listType = null;
        string[] keys = [];
        foreach (var attribute in words.Skip(2))
        {
            var (key, value) = attribute.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                ? (attribute[..eq], attribute[(eq + 1)..])
                : (attribute, null);
            switch (key)
            {
                case "required":
                    field.Required = true;
                    break;
                case "noomit":
                    field.NoOmitEmpty = true;
                    break;
                case "merge":
                    strategies.Insert(0, "merge");
                    field.PatchMergeKey = value;
                    break;
                case "retainKeys":
                case "replace":
                    strategies.Add(key);
                    break;
                case "list":
                    listType = value switch
                    {
                        "atomic" => ListType.Atomic,
                        "set" => ListType.Set,
                        "map" => ListType.Map,
                        _ => throw where.Error($"unknown list type '{value}'"),
                    };
                    break;
                case "keys":
                    keys = (value ?? throw where.Error("keys= needs a value")).Split(',');
                    break;
                case "atomic":
                    type.IsAtomic = true;
                    break;
                case "default":
                    field.Default = ParseDefault(value ?? throw where.Error("default= needs a value"));
                    break;
                case "go":
                    field.GoType = value ?? throw where.Error("go= needs a value");
                    break;
                default:
                    throw where.Error($"unknown field attribute '{attribute}'");
            }
        }

        field.PatchStrategy = strategies.Count == 0 ? null : string.Join(',', strategies);
        if (type.Kind == SchemaKind.List)
        {
            type.DeclaredListType = listType;
            type.ListMapKeys = keys;
            (type.EffectiveListType, type.EffectiveListMapKeys) = (listType, field) switch
            {
                ({ } declared, _) => (declared, declared == ListType.Map && keys.Length == 0 && field.PatchMergeKey is { } key ? [key] : keys),
                (null, { PatchMergeKey: { } mergeKey }) when field.HasPatchStrategy("merge") => (ListType.Map, (IReadOnlyList<string>)[mergeKey]),
                (null, _) when field.HasPatchStrategy("merge") => (ListType.Set, []),
                _ => (ListType.Atomic, []),
            };
            if (type.EffectiveListType == ListType.Map && type.EffectiveListMapKeys.Count == 0)
            {
                throw where.Error($"list field '{field.Name}' is a map list without keys");
            }
        }
        else if (listType is not null || keys.Length > 0)
        {
            throw where.Error($"field '{field.Name}' is not a list but declares a list type");
        }

        return field;
    }

    private static JsonNode ParseDefault(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
        : text is "true" or "false" ? JsonValue.Create(text == "true")
        : text == "{}" ? new JsonObject()
        : JsonValue.Create(text);

    private TypeSchema ParseType(string text, string? package, Location where)
    {
        if (text.StartsWith("[]", StringComparison.Ordinal))
        {
            return new TypeSchema(SchemaKind.List) { Element = ParseType(text[2..], package, where) };
        }

        if (text.StartsWith("map[", StringComparison.Ordinal) && text.EndsWith(']'))
        {
            return new TypeSchema(SchemaKind.Map) { Element = ParseType(text[4..^1], package, where) };
        }

        return text switch
        {
            "string" => new TypeSchema(SchemaKind.String),
            "int32" => new TypeSchema(SchemaKind.Integer) { Format = "int32" },
            "int64" => new TypeSchema(SchemaKind.Integer) { Format = "int64" },
            "float64" => new TypeSchema(SchemaKind.Number) { Format = "double" },
            "bool" => new TypeSchema(SchemaKind.Boolean),
            "bytes" => new TypeSchema(SchemaKind.Bytes) { Format = "byte" },
            "object" => new TypeSchema(SchemaKind.FreeForm),
            _ => Resolve(text, package, where),
        };
    }

    private TypeSchema Resolve(string name, string? package, Location where)
    {
        if (name.Contains('.', StringComparison.Ordinal))
        {
            return _definitions.GetValueOrDefault(name) ?? throw where.Error($"unknown type {name}");
        }

        if (package is not null && _definitions.TryGetValue($"{package}.{name}", out var local))
        {
            return local;
        }

        var candidates = _definitions.Values.Where(d => d.ShortName == name).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw where.Error($"unknown type {name}"),
            _ => throw where.Error($"type {name} is ambiguous ({string.Join(", ", candidates.Select(c => c.Name))}); write its full name"),
        };
    }

    private List<ResourceDefinition> BuildResources()
    {
        var resources = new List<ResourceDefinition>();
        foreach (var (words, where) in _pendingResources)
        {
            var gvk = GroupVersionKind.FromApiVersion(words[1], words[2]);
            var schema = _definitions.Values.FirstOrDefault(d => d.GroupVersionKinds.Contains(gvk))
                ?? throw where.Error($"no type declares kind={gvk.ApiVersion}/{gvk.Kind}");
            Expect(words[4] is "namespaced" or "cluster", where, "scope must be 'namespaced' or 'cluster'");
            IReadOnlyList<string> subresources = [];
            IReadOnlyList<string> verbs = DefaultVerbs;
            IReadOnlyList<string> shortNames = [];
            foreach (var option in words.Skip(5))
            {
                var eq = option.IndexOf('=', StringComparison.Ordinal);
                Expect(eq > 0, where, $"resource option '{option}' must be name=values");
                var values = option[(eq + 1)..].Split(',');
                switch (option[..eq])
                {
                    case "sub":
                        subresources = values;
                        break;
                    case "verbs":
                        verbs = values;
                        break;
                    case "short":
                        shortNames = values;
                        break;
                    default:
                        throw where.Error($"unknown resource option '{option}'");
                }
            }

            var listSchema = ListSchemaOf(schema, gvk);
            var apiResource = new ApiResource(gvk.Group, gvk.Version, gvk.Kind, words[3], words[4] == "namespaced");
            resources.Add(new ResourceDefinition(apiResource, schema, listSchema, subresources, verbs, shortNames));
        }

        return resources;
    }

    private TypeSchema ListSchemaOf(TypeSchema item, GroupVersionKind gvk)
    {
        var name = item.Name + "List";
        if (_definitions.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var listMeta = _definitions["io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"];
        var list = new TypeSchema(SchemaKind.Struct, name)
        {
            Description = $"{item.ShortName}List is a list of {item.ShortName} objects.",
            GoPackage = item.GoPackage,
            GroupVersionKinds = [gvk with { Kind = gvk.Kind + "List" }],
            Fields =
            [
                new FieldSchema("apiVersion", new TypeSchema(SchemaKind.String)) { Description = ApiVersionDescription },
                new FieldSchema("items", new TypeSchema(SchemaKind.List) { Element = item, EffectiveListType = ListType.Atomic })
                {
                    Required = true,
                    Description = $"Items is the list of {item.ShortName} objects.",
                },
                new FieldSchema("kind", new TypeSchema(SchemaKind.String)) { Description = KindDescription },
                new FieldSchema("metadata", listMeta) { Description = ListMetadataDescription },
            ],
        };
        _definitions.Add(name, list);
        return list;
    }

    private static string Qualify(string? package, string shortName, Location where) =>
        package is null ? throw where.Error("declaration before any 'package' line") : $"{package}.{shortName}";

    private static (List<string> Words, string? Description) Split(string line, Location where)
    {
        string? description = null;
        var quote = line.IndexOf('"', StringComparison.Ordinal);
        if (quote >= 0)
        {
            var end = line.LastIndexOf('"');
            Expect(end > quote, where, "unterminated description");
            description = line[(quote + 1)..end].Replace("\\\"", "\"", StringComparison.Ordinal);
            line = line[..quote];
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        Expect(words.Count > 0, where, "empty declaration");
        return (words, description);
    }

    private static void Expect(bool condition, Location where, string message)
    {
        if (!condition)
        {
            throw where.Error(message);
        }
    }

    private sealed class PendingType(TypeSchema type, string? package, Location where)
    {
        public TypeSchema Type { get; } = type;

        public string? Package { get; } = package;

        public Location Where { get; } = where;

        public List<(List<string> Words, string? Description, Location Where)> Lines { get; } = [];
    }

    private sealed record PendingResource(List<string> Words, Location Where);

    private readonly record struct Location(string Source, int Line)
    {
        public InvalidOperationException Error(string message) =>
            new($"schema definitions {Source}, line {Line}: {message}");
    }
}
