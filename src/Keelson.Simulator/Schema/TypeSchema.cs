using System.Collections.Frozen;

namespace Keelson.Simulator.Schema;

/// <summary>
/// The schema of one value: a named definition (<c>io.k8s.api.apps.v1.DeploymentSpec</c>, <c>resource.Quantity</c>)
/// or an anonymous list, map or primitive that belongs to one field.
/// </summary>
public sealed class TypeSchema
{
    private FrozenDictionary<string, FieldSchema> _fieldsByName = FrozenDictionary<string, FieldSchema>.Empty;
    private IReadOnlyList<FieldSchema> _fields = [];

    internal TypeSchema(SchemaKind kind, string? name = null)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>What kind of value this is.</summary>
    public SchemaKind Kind { get; }

    /// <summary>The OpenAPI definition name, e.g. <c>io.k8s.api.core.v1.Container</c>; null for anonymous schemas.</summary>
    public string? Name { get; }

    /// <summary>The definition name's last segment, e.g. <c>Container</c>; null for anonymous schemas.</summary>
    public string? ShortName => Name?[(Name.LastIndexOf('.') + 1)..];

    /// <summary>The OpenAPI format: <c>int32</c>, <c>int64</c>, <c>double</c>, <c>byte</c>, <c>date-time</c>, <c>int-or-string</c>.</summary>
    public string? Format { get; internal set; }

    /// <summary>What the type is for, as <c>kubectl explain</c> shows it.</summary>
    public string? Description { get; internal set; }

    /// <summary>The declared fields of a <see cref="SchemaKind.Struct"/>, in the Go struct's order.</summary>
    public IReadOnlyList<FieldSchema> Fields
    {
        get => _fields;
        internal set
        {
            _fields = value;
            _fieldsByName = value.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        }
    }

    /// <summary>The element type of a <see cref="SchemaKind.List"/> or the value type of a <see cref="SchemaKind.Map"/>.</summary>
    public TypeSchema? Element { get; internal set; }

    /// <summary>The list type as declared (<c>x-kubernetes-list-type</c>); null when the schema does not say.</summary>
    public ListType? DeclaredListType { get; internal set; }

    /// <summary>The key fields of a <see cref="ListType.Map"/> list (<c>x-kubernetes-list-map-keys</c>).</summary>
    public IReadOnlyList<string> ListMapKeys { get; internal set; } = [];

    /// <summary>Whether a struct or map is replaced as a whole by server-side apply (<c>x-kubernetes-map-type: atomic</c>).</summary>
    public bool IsAtomic { get; internal set; }

    /// <summary>The kinds this definition is the top-level schema of (<c>x-kubernetes-group-version-kind</c>).</summary>
    public IReadOnlyList<GroupVersionKind> GroupVersionKinds { get; internal set; } = [];

    /// <summary>The Go package name of a named definition, e.g. <c>v1</c> or <c>resource</c>, for error messages.</summary>
    internal string? GoPackage { get; set; }

    /// <summary>Finds a declared field by its JSON name.</summary>
    public FieldSchema? FindField(string name) => _fieldsByName.GetValueOrDefault(name);

    /// <summary>
    /// Whether the value is a Go struct (not a pointer, slice or map): a Go encoder always writes such a field,
    /// so the API server's objects always have it (<c>resources: {}</c>, <c>creationTimestamp: null</c>).
    /// </summary>
    public bool IsGoStruct => Kind is SchemaKind.Struct or SchemaKind.Quantity or SchemaKind.IntOrString or SchemaKind.Time or SchemaKind.MicroTime
        || (Kind == SchemaKind.FreeForm && Name is not null);

    /// <summary>Whether the value is a JSON scalar for server-side apply (strings, numbers, booleans, quantities, times).</summary>
    public bool IsScalar => Kind is not (SchemaKind.Struct or SchemaKind.Map or SchemaKind.List or SchemaKind.FreeForm);

    /// <summary>
    /// How server-side apply treats this list: the declared type, else a map keyed by the patch merge key
    /// (or a set) when the field merges in strategic merge patch, else atomic — as kube-openapi converts it.
    /// </summary>
    internal ListType EffectiveListType { get; set; }

    /// <summary>The key fields server-side apply identifies list items by.</summary>
    internal IReadOnlyList<string> EffectiveListMapKeys { get; set; } = [];

    /// <summary>The Go type's name as encoding/json prints it, e.g. <c>v1.PodSpec</c>, <c>[]v1.Container</c>, <c>map[string]string</c>.</summary>
    public string GoTypeName => Kind switch
    {
        SchemaKind.String => Name is null ? "string" : QualifiedGoName,
        SchemaKind.Integer => Format ?? "int64",
        SchemaKind.Number => "float64",
        SchemaKind.Boolean => "bool",
        SchemaKind.Bytes => "[]uint8",
        SchemaKind.List => "[]" + (Element?.GoTypeName ?? "interface {}"),
        SchemaKind.Map => "map[string]" + (Element?.GoTypeName ?? "interface {}"),
        SchemaKind.FreeForm when Name is null => "map[string]interface {}",
        _ => QualifiedGoName,
    };

    private string QualifiedGoName => GoPackage is null ? ShortName ?? "" : $"{GoPackage}.{ShortName}";

    /// <inheritdoc />
    public override string ToString() => Name ?? GoTypeName;
}
