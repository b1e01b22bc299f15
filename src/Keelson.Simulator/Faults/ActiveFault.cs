namespace Keelson.Simulator.Faults;

/// <summary>A fault in effect.</summary>
/// <param name="Id">Its id, for clearing it.</param>
/// <param name="Type">Its type, e.g. <c>nodeDown</c>.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="InjectedAt">When it took effect.</param>
/// <param name="ClearsAt">When it clears itself, or null: until cleared.</param>
public sealed record ActiveFault(string Id, string Type, IReadOnlyDictionary<string, string> Parameters, DateTimeOffset InjectedAt, DateTimeOffset? ClearsAt)
{
    /// <summary><c>nodeDown (node=n1)</c>.</summary>
    public string Describe() =>
        Parameters.Count == 0 ? Type : $"{Type} ({string.Join(", ", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})";
}
