using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// Turns a YAML stream into JSON documents the way sigs.k8s.io/yaml does for kubectl and kube-apiserver:
/// scalars resolved by <see cref="YamlScalar"/>, aliases expanded, merge keys (<c>&lt;&lt;</c>) applied
/// in go-yaml v2's order, map keys turned into strings, duplicate keys resolved by the last one.
/// </summary>
internal sealed partial class YamlJsonReader
{
    // Deeper nesting than any Kubernetes object needs; the limit keeps hostile input from overflowing the stack.
    private const int MaxDepth = 1000;

    private readonly Parser _parser;
    private readonly string _sourceName;
    private readonly Dictionary<string, (JsonNode? Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private Dictionary<JsonNode, int> _lines = new(ReferenceEqualityComparer.Instance);
    private int _document;
    private bool _inDocument;
    private int _depth;
    private int _lastLine = 1;
    private long _decoded;
    private long _aliased;

    private YamlJsonReader(string yaml, string sourceName)
    {
        // kubectl drops a byte-order mark; YamlDotNet would make it part of the first key.
        _parser = new Parser(new StringReader(yaml.StartsWith('\uFEFF') ? yaml[1..] : yaml));
        _sourceName = sourceName;
    }

    /// <summary>Every document of <paramref name="yaml"/> that is not empty or null.</summary>
    /// <exception cref="ManifestException">The YAML is malformed or holds a value JSON cannot represent.</exception>
    public static List<YamlJsonDocument> Read(string yaml, string sourceName)
    {
        var reader = new YamlJsonReader(yaml, sourceName);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            throw reader.Malformed((int)e.Start.Line, MarkPrefix().Replace(e.Message, "").TrimEnd('.'));
        }
        catch (InvalidOperationException e) when (e.Source == typeof(Parser).Assembly.GetName().Name)
        {
            // YamlDotNet's scanner fails this way, without a position, on some unclosed flow collections.
            throw reader.Malformed(reader._lastLine, "it cannot be read past this line, often because of an unclosed '[' or '{'");
        }
    }

    private ManifestException Malformed(int line, string detail) => new(
        _sourceName,
        _inDocument ? _document : _document + 1,
        line,
        $"the YAML is malformed: {detail}",
        "Fix the syntax around that line: indentation, a missing ':' or '- ', or an unclosed quote or bracket.");

    private List<YamlJsonDocument> ReadStream()
    {
        var documents = new List<YamlJsonDocument>();
        _parser.Consume<StreamStart>();
        while (_parser.TryConsume<DocumentStart>(out _))
        {
            _document++;
            _inDocument = true;
            _anchors.Clear();
            _lines = new Dictionary<JsonNode, int>(ReferenceEqualityComparer.Instance);
            _decoded = 0;
            _aliased = 0;
            var root = ReadNode();
            _parser.Consume<DocumentEnd>();
            _inDocument = false;
            if (root is not null)
            {
                documents.Add(new YamlJsonDocument(_sourceName, _document, root, _lines));
            }
        }

        _parser.Consume<StreamEnd>();
        return documents;
    }

    private JsonNode? ReadNode()
    {
        var start = _parser.Current!;
        _lastLine = (int)start.Start.Line;
        if (++_depth > MaxDepth)
        {
            throw Error(start.Start, $"the document nests deeper than {MaxDepth} levels", "Flatten the structure.");
        }

        var decodedBefore = _decoded++;
        JsonNode? node;
        switch (start)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                node = Alias(alias);
                break;
            case Scalar scalar:
                _parser.MoveNext();
                node = ValueNode(scalar);
                break;
            case SequenceStart:
                _parser.MoveNext();
                var array = new JsonArray();
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode());
                }

                node = array;
                break;
            case MappingStart:
                _parser.MoveNext();
                node = ReadMapping();
                break;
            default:
                throw Error(start.Start, $"unexpected {start.GetType().Name}", "Check the YAML structure at that line.");
        }

        if (start is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = (node, _decoded - decodedBefore);
        }

        if (node is not null)
        {
            _lines.TryAdd(node, (int)start.Start.Line);
        }

        _depth--;
        return node;
    }

    private JsonObject ReadMapping()
    {
        var mapping = new JsonObject();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            if (keyEvent is Scalar { Value: "<<", Style: ScalarStyle.Plain } mergeKey &&
                (mergeKey.Tag.IsEmpty || mergeKey.Tag.Value == YamlScalar.MergeTag))
            {
                _parser.MoveNext();
                Merge(mapping, ReadNode(), keyEvent.Start);
                continue;
            }

            var key = ReadKey();
            var value = ReadNode();
            mapping[key] = value;
        }

        return mapping;
    }

    private string ReadKey()
    {
        var keyEvent = _parser.Current!;
        if (keyEvent is not Scalar scalar)
        {
            // Aliases and collections as keys: JSON field names are strings, so only scalars make sense.
            var node = ReadNode();
            object? scalarValue = node switch
            {
                JsonValue v when v.TryGetValue<string>(out var text) => text,
                JsonValue v when v.TryGetValue<bool>(out var b) => b,
                JsonValue v when v.TryGetValue<long>(out var l) => l,
                JsonValue v when v.TryGetValue<ulong>(out var u) => u,
                JsonValue v when v.TryGetValue<double>(out var d) => d,
                _ => throw Error(keyEvent.Start, $"a map key must be a string, number or boolean, not {JsonNodeDescription.Of(node)}", "Write the key as a plain string."),
            };
            return YamlScalar.KeyText(scalarValue);
        }

        _parser.MoveNext();
        _decoded++;
        try
        {
            var key = YamlScalar.KeyText(YamlScalar.Resolve(scalar));
            if (!scalar.Anchor.IsEmpty)
            {
                _anchors[scalar.Anchor.Value] = (JsonValue.Create(key), 1);
            }

            return key;
        }
        catch (FormatException e)
        {
            throw Error(scalar.Start, e.Message, "Write the key as a plain string.");
        }
    }

    private JsonValue? ValueNode(Scalar scalar)
    {
        object? value;
        try
        {
            value = YamlScalar.Resolve(scalar);
        }
        catch (FormatException e)
        {
            throw Error(scalar.Start, e.Message, "Remove the tag or change the value to fit it.");
        }

        return value switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            long l => Number(l.ToString(CultureInfo.InvariantCulture)),
            ulong u => Number(u.ToString(CultureInfo.InvariantCulture)),
            double d when double.IsFinite(d) => Number(d.ToString("R", CultureInfo.InvariantCulture)),
            double => throw Error(scalar.Start, $"{scalar.Value} is not a number JSON can hold", $"Quote it (\"{scalar.Value}\") to keep it as a string."),
            _ => JsonValue.Create((string)value),
        };
    }

    // Numbers are parsed from text, like JsonNode.Parse makes them, so callers can read 3 as an int, a long or a double.
    private static JsonValue Number(string text) => (JsonValue)JsonNode.Parse(text)!;

    private JsonNode? Alias(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchor))
        {
            throw Error(alias.Start, $"the alias *{alias.Value} refers to no anchor", $"Define &{alias.Value} on a node before this alias, outside the node that contains the alias.");
        }

        // go-yaml's guard against "billion laughs": a document made mostly of alias expansions is refused.
        _decoded += anchor.Size;
        _aliased += anchor.Size;
        if (_aliased > 100 && _decoded > 1000 && (double)_aliased / _decoded > AllowedAliasRatio(_decoded))
        {
            throw Error(alias.Start, "the document contains excessive aliasing", "Write the repeated content out instead of nesting aliases.");
        }

        var copy = anchor.Node?.DeepClone();
        if (copy is not null)
        {
            _lines[copy] = (int)alias.Start.Line;
        }

        return copy;
    }

    private static double AllowedAliasRatio(long decoded) => decoded switch
    {
        <= 400_000 => 0.99,
        >= 4_000_000 => 0.10,
        _ => 0.99 - (0.89 * (decoded - 400_000) / 3_600_000.0),
    };

    // go-yaml v2 applies a merge where it appears, overwriting keys set before it; in a list of maps the
    // first one wins, so the list is applied last to first. Values are copied: an anchored map stays intact.
    private void Merge(JsonObject mapping, JsonNode? source, Mark at)
    {
        var sources = source switch
        {
            JsonObject single => [single],
            JsonArray list when list.All(item => item is JsonObject) => list.Reverse().Cast<JsonObject>().ToList(),
            _ => throw Error(at, $"a merge key (<<) needs a map or a list of maps, not {JsonNodeDescription.Of(source)}", "Point the merge at an anchored map, e.g. '<<: *defaults'."),
        };
        foreach (var map in sources)
        {
            foreach (var (key, value) in map)
            {
                mapping[key] = value?.DeepClone();
            }
        }
    }

    private ManifestException Error(Mark mark, string problem, string fix) =>
        new(_sourceName, _document, (int)mark.Line, problem, fix);

    // YamlDotNet prefixes its messages with "(Line: 3, Col: 1, Idx: 20) - (Line: 3, Col: 1, Idx: 20): ".
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();
}
