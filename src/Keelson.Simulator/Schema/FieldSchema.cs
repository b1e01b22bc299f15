using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>One declared field of a struct: its JSON name, type, patch metadata and Go shape.</summary>
public sealed class FieldSchema
{
    internal FieldSchema(string name, TypeSchema type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The JSON field name, e.g. <c>containers</c>.</summary>
    public string Name { get; }

    /// <summary>The field's value type.</summary>
    public TypeSchema Type { get; internal set; }

    /// <summary>What the field means, as <c>kubectl explain</c> shows it.</summary>
    public string? Description { get; internal set; }

    /// <summary>Whether the field is required — in Go, declared without <c>omitempty</c>, so it is always written.</summary>
    public bool Required { get; internal set; }

    /// <summary>Whether the Go field lacks <c>omitempty</c> although OpenAPI calls it optional (e.g. an event's <c>reportingComponent</c>).</summary>
    internal bool NoOmitEmpty { get; set; }

    /// <summary>
    /// Whether a Go encoder always writes this field: required and <c>noomit</c> fields, and non-pointer structs
    /// (<c>resources: {}</c>, <c>creationTimestamp: null</c>). The API server's objects always carry these.
    /// </summary>
    internal bool AlwaysWritten => Required || NoOmitEmpty || (!Pointer && Type.IsGoStruct);

    /// <summary>Whether the Go field is a pointer, so its zero value is kept (e.g. <c>replicas: 0</c>).</summary>
    public bool Pointer { get; internal set; }

    /// <summary>The strategic merge patch strategy (<c>x-kubernetes-patch-strategy</c>): <c>merge</c>, <c>retainKeys</c>, <c>merge,retainKeys</c>, <c>replace</c>.</summary>
    public string? PatchStrategy { get; internal set; }

    /// <summary>The key list items are matched by in strategic merge patch (<c>x-kubernetes-patch-merge-key</c>).</summary>
    public string? PatchMergeKey { get; internal set; }

    /// <summary>The default value the schema declares, used for list map keys a client leaves out (e.g. <c>protocol: TCP</c>).</summary>
    public JsonNode? Default { get; internal set; }

    /// <summary>The Go type name when it differs from the schema's, e.g. <c>v1.ResourceList</c> or <c>v1.Protocol</c>.</summary>
    internal string? GoType { get; set; }

    /// <summary>The Go type name encoding/json prints in type errors for this field.</summary>
    internal string GoTypeName => GoType ?? Type.GoTypeName;

    /// <summary>Whether the strategic merge patch strategy includes <paramref name="strategy"/>.</summary>
    public bool HasPatchStrategy(string strategy) =>
        PatchStrategy is not null && PatchStrategy.Split(',').Contains(strategy, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Type}";
}
