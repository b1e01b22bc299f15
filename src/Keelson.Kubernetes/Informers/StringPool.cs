using System.Collections.Concurrent;

namespace Keelson.Kubernetes.Informers;

/// <summary>
/// Keeps one instance of each repeated string (namespaces, node names, images, label values),
/// so that a hundred thousand cached objects share them instead of each holding a copy.
/// </summary>
public sealed class StringPool
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>The shared instance equal to <paramref name="value"/> (null stays null).</summary>
    public string? Intern(string? value) => value is null ? null : _strings.GetOrAdd(value, value);

    /// <summary>How many distinct strings are held.</summary>
    public int Count => _strings.Count;
}
