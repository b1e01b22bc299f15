using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Tests.Resources.Models;

/// <summary>
/// A fixture in <c>testdata/objects/</c>: <c>NAME.json</c>, shaped like <c>kubectl get -o json</c>
/// output, and <c>NAME.untyped.txt</c>, the JSON paths of its fields no model declares.
/// </summary>
internal sealed class ObjectFixture
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "testdata", "objects");

    // Kinds without a resource of their own: request bodies and subresources.
    private static readonly Dictionary<string, Type> NonResourceKinds = new()
    {
        ["Table"] = typeof(Table),
        ["DeleteOptions"] = typeof(DeleteOptions),
        ["Eviction"] = typeof(Eviction),
        ["Scale"] = typeof(Scale),
        ["Binding"] = typeof(Binding),
    };

    private ObjectFixture(string name)
    {
        Name = name;
        Text = File.ReadAllText(Path.Combine(Directory, name + ".json"));
        Json = JsonNode.Parse(Text)!.AsObject();
        UntypedPaths = [.. File.ReadAllLines(Path.Combine(Directory, name + ".untyped.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))];
        var apiVersion = (string)Json["apiVersion"]!;
        var kind = (string)Json["kind"]!;
        ModelType = KnownResources.Find(apiVersion, kind)?.ModelType ?? NonResourceKinds[kind];
    }

    public string Name { get; }

    public string Text { get; }

    public JsonObject Json { get; }

    public SortedSet<string> UntypedPaths { get; }

    public Type ModelType { get; }

    public static TheoryData<string> All() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static ObjectFixture Load(string name) => new(name);

    public object Read() => JsonSerializer.Deserialize(Text, ModelType, KubernetesJson.Options)!;

    public static JsonNode Write(object model) => JsonSerializer.SerializeToNode(model, model.GetType(), KubernetesJson.Options)!;
}
