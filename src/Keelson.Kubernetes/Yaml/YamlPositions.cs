using System.Runtime.CompilerServices;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// Where each bound value came from, so checks made after binding (a cluster name used twice,
/// a quantity that does not parse) can still point at the file, line and field.
/// </summary>
public sealed class YamlPositions
{
    private readonly ConditionalWeakTable<object, Dictionary<string, (long Line, long Column, string Path)>> _fields = [];
    private readonly ConditionalWeakTable<object, Tuple<long, long, string>> _objects = [];

    internal YamlPositions(string source) => Source = source;

    /// <summary>The file (or other source) name.</summary>
    public string Source { get; }

    /// <summary>An error located at a field of a bound object (or at the object when the field was absent).</summary>
    public YamlBindingException Error(object owner, string field, string problem)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (_fields.TryGetValue(owner, out var fields) && fields.TryGetValue(field, out var at))
        {
            return new YamlBindingException(Source, at.Line, at.Column, at.Path, problem);
        }

        var (line, column, path) = _objects.TryGetValue(owner, out var o) ? (o.Item1, o.Item2, o.Item3) : (1L, 1L, "");
        return new YamlBindingException(Source, line, column, path.Length == 0 ? field : $"{path}.{field}", problem);
    }

    internal void RecordObject(object owner, long line, long column, string path) =>
        _objects.AddOrUpdate(owner, Tuple.Create(line, column, path));

    internal void RecordField(object owner, string field, long line, long column, string path) =>
        _fields.GetOrCreateValue(owner)[field] = (line, column, path);
}
