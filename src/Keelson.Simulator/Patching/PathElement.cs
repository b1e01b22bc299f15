using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// One step of a field path, as structured-merge-diff names it: a struct field or map key (<c>f:name</c>), a list item
/// by its key fields (<c>k:{"name":"app"}</c>), a set member (<c>v:"x"</c>) or a list index (<c>i:0</c>).
/// </summary>
internal sealed class PathElement : IEquatable<PathElement>, IComparable<PathElement>
{
    private PathElement(string? fieldName, IReadOnlyList<(string Name, PathValue Value)>? key, PathValue? value, int? index)
    {
        FieldName = fieldName;
        Key = key;
        Value = value;
        Index = index;
    }

    /// <summary>The field name or map key, for <c>f:</c> elements.</summary>
    public string? FieldName { get; }

    /// <summary>The key fields sorted by name, for <c>k:</c> elements.</summary>
    public IReadOnlyList<(string Name, PathValue Value)>? Key { get; }

    /// <summary>The member, for <c>v:</c> elements.</summary>
    public PathValue? Value { get; }

    /// <summary>The index, for <c>i:</c> elements.</summary>
    public int? Index { get; }

    /// <summary>A struct field or map key.</summary>
    public static PathElement Field(string name) => new(name, null, null, null);

    /// <summary>A list item identified by its key fields.</summary>
    public static PathElement ByKey(IEnumerable<(string Name, PathValue Value)> key) =>
        new(null, key.OrderBy(k => k.Name, StringComparer.Ordinal).ToList(), null, null);

    /// <summary>A set member.</summary>
    public static PathElement ByValue(PathValue value) => new(null, null, value, null);

    /// <summary>A list item by position.</summary>
    public static PathElement ByIndex(int index) => new(null, null, null, index);

    /// <summary>Parses a FieldsV1 key such as <c>f:spec</c> or <c>k:{"name":"app"}</c>.</summary>
    /// <exception cref="FormatException">The key is not a FieldsV1 path element.</exception>
    public static PathElement Parse(string text)
    {
        if (text.Length < 2 || text[1] != ':')
        {
            throw new FormatException($"unknown FieldsV1 path element '{text}'");
        }

        var body = text[2..];
        switch (text[0])
        {
            case 'f':
                return Field(body);
            case 'k':
                var fields = JsonNode.Parse(body) as JsonObject ?? throw new FormatException($"key '{body}' is not an object");
                return ByKey(fields.Select(p => (p.Key, PathValue.TryFrom(p.Value, out var v) ? v : throw new FormatException($"key field '{p.Key}' is not a scalar"))));
            case 'v':
                return ByValue(PathValue.Parse(body));
            case 'i':
                return ByIndex(int.Parse(body, NumberStyles.None, CultureInfo.InvariantCulture));
            default:
                throw new FormatException($"unknown FieldsV1 path element '{text}'");
        }
    }

    /// <summary>The FieldsV1 key of this element.</summary>
    public string ToFieldsV1()
    {
        if (FieldName is not null)
        {
            return "f:" + FieldName;
        }

        if (Key is not null)
        {
            return "k:{" + string.Join(',', Key.Select(k => $"{GoText.JsonString(k.Name)}:{k.Value.Json}")) + "}";
        }

        return Value is { } value ? "v:" + value.Json : "i:" + Index!.Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>How conflict messages print the element: <c>.spec</c>, <c>[name="app"]</c>, <c>[="x"]</c>, <c>[0]</c>.</summary>
    public override string ToString()
    {
        if (FieldName is not null)
        {
            return "." + FieldName;
        }

        if (Key is not null)
        {
            return "[" + string.Join(',', Key.Select(k => $"{k.Name}={k.Value.Json}")) + "]";
        }

        return Value is { } value ? $"[={value.Json}]" : $"[{Index}]";
    }

    /// <summary>Formats a path as conflict messages do: <c>.spec.template.spec.containers[name="app"].image</c>.</summary>
    public static string Format(IEnumerable<PathElement> path)
    {
        var builder = new StringBuilder();
        foreach (var element in path)
        {
            builder.Append(element);
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public int CompareTo(PathElement? other)
    {
        if (other is null)
        {
            return 1;
        }

        var rank = Rank.CompareTo(other.Rank);
        if (rank != 0)
        {
            return rank;
        }

        switch (Rank)
        {
            case 0:
                return string.CompareOrdinal(FieldName, other.FieldName);
            case 1:
                for (var i = 0; ; i++)
                {
                    if (i >= Key!.Count || i >= other.Key!.Count)
                    {
                        return Key.Count.CompareTo(other.Key!.Count);
                    }

                    var name = string.CompareOrdinal(Key[i].Name, other.Key[i].Name);
                    if (name != 0)
                    {
                        return name;
                    }

                    var value = Key[i].Value.CompareTo(other.Key[i].Value);
                    if (value != 0)
                    {
                        return value;
                    }
                }

            case 2:
                return Value!.Value.CompareTo(other.Value!.Value);
            default:
                return Index!.Value.CompareTo(other.Index!.Value);
        }
    }

    /// <inheritdoc />
    public bool Equals(PathElement? other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PathElement other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ToFieldsV1().GetHashCode(StringComparison.Ordinal);

    private int Rank => FieldName is not null ? 0 : Key is not null ? 1 : Value is not null ? 2 : 3;
}
