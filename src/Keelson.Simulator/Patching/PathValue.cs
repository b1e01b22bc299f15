using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// A scalar that identifies a list item in a field path: a key field's value (<c>[name="app"]</c>) or a set member
/// (<c>[="finalizer.example.com"]</c>). Ordered as structured-merge-diff orders values: null, numbers, strings, booleans.
/// </summary>
internal readonly struct PathValue : IEquatable<PathValue>, IComparable<PathValue>
{
    private PathValue(int rank, double number, string? text, bool flag, string json)
    {
        Rank = rank;
        Number = number;
        Text = text;
        Flag = flag;
        Json = json;
    }

    /// <summary>The value as compact JSON, as FieldsV1 keys and conflict paths print it.</summary>
    public string Json { get; }

    private int Rank { get; }

    private double Number { get; }

    private string? Text { get; }

    private bool Flag { get; }

    /// <summary>Reads a scalar JSON value; returns false for objects and arrays.</summary>
    public static bool TryFrom(JsonNode? node, out PathValue value)
    {
        switch (node)
        {
            case null:
                value = new PathValue(0, 0, null, false, "null");
                return true;
            case JsonValue scalar:
                switch (scalar.GetValueKind())
                {
                    case JsonValueKind.Number:
                        var raw = scalar.ToJsonString();
                        var number = double.Parse(raw, CultureInfo.InvariantCulture);

                        // Equal numbers must print alike (80 and 80.0), since the printed form is also the hash.
                        var json = long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole.ToString(CultureInfo.InvariantCulture)
                            : Math.Floor(number) == number && Math.Abs(number) < 9e15 ? ((long)number).ToString(CultureInfo.InvariantCulture)
                            : raw;
                        value = new PathValue(1, number, null, false, json);
                        return true;
                    case JsonValueKind.String:
                        var text = scalar.GetValue<string>();
                        value = new PathValue(2, 0, text, false, GoText.JsonString(text));
                        return true;
                    default:
                        var flag = scalar.GetValueKind() == JsonValueKind.True;
                        value = new PathValue(3, 0, null, flag, flag ? "true" : "false");
                        return true;
                }

            default:
                value = default;
                return false;
        }
    }

    /// <summary>Parses a FieldsV1 value (JSON text).</summary>
    public static PathValue Parse(string json) =>
        TryFrom(JsonNode.Parse(json), out var value) ? value : throw new FormatException($"not a scalar: {json}");

    /// <inheritdoc />
    public int CompareTo(PathValue other)
    {
        if (Rank != other.Rank)
        {
            return Rank.CompareTo(other.Rank);
        }

        return Rank switch
        {
            1 => Number.CompareTo(other.Number),
            2 => string.CompareOrdinal(Text, other.Text),
            3 => Flag.CompareTo(other.Flag),
            _ => 0,
        };
    }

    /// <inheritdoc />
    public bool Equals(PathValue other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PathValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Json.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Json;

    /// <summary>Equality.</summary>
    public static bool operator ==(PathValue left, PathValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PathValue left, PathValue right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    public static bool operator <(PathValue left, PathValue right) => left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(PathValue left, PathValue right) => left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(PathValue left, PathValue right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(PathValue left, PathValue right) => left.CompareTo(right) >= 0;
}
