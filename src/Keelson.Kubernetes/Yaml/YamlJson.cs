using System.Text.Json.Nodes;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// Converts between YAML and JSON exactly as kubectl and kube-apiserver do (sigs.k8s.io/yaml over
/// go-yaml v2), e.g. for <c>application/apply-patch+yaml</c> bodies and <c>-o yaml</c> output.
/// </summary>
/// <remarks>
/// Reading follows YAML 1.1 as Kubernetes does, and on purpose: unquoted <c>true</c>, <c>false</c>,
/// <c>yes</c>, <c>no</c>, <c>on</c>, <c>off</c>, <c>y</c>, <c>n</c> (lower, Title or UPPER case) become booleans,
/// also as map keys (<c>on:</c> becomes the field <c>"true"</c>); <c>null</c>, <c>~</c> and empty values
/// become null; integers (also <c>0x1F</c>, octal <c>0123</c>, <c>1_000</c>) and floats become numbers;
/// dates and everything else quoted, block or untyped become strings; anchors, aliases and merge keys
/// are expanded; of duplicate keys the last wins. <c>.inf</c> and <c>.nan</c> are refused, as JSON
/// cannot hold them. Writing quotes every string that would read back as something else, so the
/// output means the same to kubectl and to YAML 1.2 readers.
/// </remarks>
public static class YamlJson
{
    /// <summary>One JSON node per document of <paramref name="yaml"/> that is neither empty nor null.</summary>
    /// <param name="yaml">One or more YAML documents separated by <c>---</c>; JSON is YAML too.</param>
    /// <param name="sourceName">Where the YAML came from (a file name, "request body"), used in error messages.</param>
    /// <exception cref="ManifestException">The YAML is malformed or holds a value JSON cannot represent.</exception>
    public static IReadOnlyList<JsonNode> ToJsonNodes(string yaml, string sourceName) =>
        [.. YamlJsonReader.Read(yaml, sourceName).Select(document => document.Root)];

    /// <summary>One YAML document holding <paramref name="node"/>, formatted as <c>kubectl get -o yaml</c> prints it.</summary>
    public static string ToYaml(JsonNode? node) => YamlJsonWriter.Write(node);
}
