using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keelson.Core.Flows.Definitions;

/// <summary>
/// The line of every field of a flow definition's text, by path (<c>tasks[2].with.node</c>), so
/// problems found after reading can still point at the line.
/// </summary>
public sealed class FlowSourceMap
{
    private const int MaxDepth = 200;
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private FlowSourceMap(string source) => Source = source;

    /// <summary>The file (or other source) name.</summary>
    public string Source { get; }

    /// <summary>The line of <paramref name="path"/>, or of its nearest parent that has one.</summary>
    public int? LineOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (var p = path; ; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }

            if (p.Length == 0)
            {
                return null;
            }
        }
    }

    /// <summary>Maps the first document of <paramref name="yaml"/>; malformed YAML gives an empty map (the reader reports it).</summary>
    internal static FlowSourceMap Build(string yaml, string source)
    {
        var map = new FlowSourceMap(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return map;
        }

        if (stream.Documents.Count > 0)
        {
            map.Walk(stream.Documents[0].RootNode, "", 0);
        }

        return map;
    }

    private void Walk(YamlNode node, string path, int depth)
    {
        _lines.TryAdd(path, (int)node.Start.Line);
        if (depth > MaxDepth)
        {
            return;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "";
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    _lines[child] = (int)key.Start.Line;
                    Walk(value, child, depth + 1);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], $"{path}[{i}]", depth + 1);
                }

                break;
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
