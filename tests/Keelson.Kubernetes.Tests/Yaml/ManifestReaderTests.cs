using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Tests.Resources.Models;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Kubernetes.Tests.Yaml;

public class ManifestReaderTests
{
    public static TheoryData<string> ErrorCases => YamlTestData.Names("errors", ".yaml");

    [Fact]
    public void Read_AMultiDocumentManifest_GivesWhatKubectlReadsFromIt()
    {
        // manifest.expected.json is what kubectl 1.30 read from manifest.yaml (kubectl label --local -o json).
        var expected = JsonNode.Parse(YamlTestData.Read("manifest.expected.json"))!.AsArray();

        var objects = ManifestReader.Read(YamlTestData.Read("manifest.yaml"), "manifest.yaml");

        Assert.Equal(expected.Count, objects.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            Assert.Equal(JsonSemantics.Canonical(expected[i]), JsonSemantics.Canonical(JsonSerializer.SerializeToNode(objects[i], objects[i].GetType(), KubernetesJson.Options)));
        }
    }

    [Fact]
    public void Read_AMultiDocumentManifest_TypesKnownKindsAndKeepsOthersGeneric()
    {
        var objects = ManifestReader.Read(YamlTestData.Read("manifest.yaml"), "manifest.yaml");

        Assert.Equal([typeof(ConfigMap), typeof(Deployment), typeof(Service), typeof(GenericObject)], objects.Select(o => o.GetType()));
        var config = (ConfigMap)objects[0];
        Assert.Equal("0123", config.Data!["zip"]);
        Assert.Equal("true", config.Data["enabled"]);
        Assert.Equal("Welcome to the web shop.\n", config.Data["motd"]);
        var deployment = (Deployment)objects[1];
        Assert.Equal(0, deployment.Spec!.Replicas);
        Assert.Equal(8, deployment.Spec.RevisionHistoryLimit);
        Assert.Equal("frontend", deployment.Spec.Template!.Metadata!.Labels!["tier"]);
        Assert.Equal("1.30", deployment.Spec.Template.Metadata.Labels["app.kubernetes.io/version"]);
        Assert.True(deployment.Spec.Template.Spec!.Containers![0].SecurityContext!.ReadOnlyRootFilesystem);
        Assert.Empty(deployment.Spec.Template.Spec.Containers[0].Env!);
        Assert.Equal(Quantity.Parse("256Mi"), deployment.Spec.Template.Spec.Containers[1].Resources!.Limits!["memory"]);
        Assert.Equal(IntOrString.FromString("http"), ((Service)objects[2]).Spec!.Ports![0].TargetPort);
        Assert.Equal(99.5, ((GenericObject)objects[3]).Field("spec")!.Value.GetProperty("analysis").GetProperty("successRate").GetDouble());
    }

    [Fact]
    public void Read_ATypedList_GivesItsItemsTheListsApiVersionAndKind()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: DeploymentList
            metadata: {resourceVersion: "10"}
            items:
            - metadata: {name: a}
              spec: {replicas: 1}
            - metadata: {name: b}
            """;

        var objects = ManifestReader.Read(yaml, "list.yaml");

        Assert.All(objects, o => Assert.Equal(("apps/v1", "Deployment"), (o.ApiVersion, o.Kind)));
        Assert.Equal(["a", "b"], objects.Select(o => o.Metadata.Name));
        Assert.Equal(1, ((Deployment)objects[0]).Spec!.Replicas);
    }

    [Fact]
    public void Read_AnEmptyManifest_GivesNoObjects()
    {
        Assert.Empty(ManifestReader.Read("# nothing here\n---\n---\n", "empty.yaml"));
        Assert.Empty(ManifestReader.Read("apiVersion: v1\nkind: List\nitems: []\n", "empty-list.yaml"));
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Read_BadManifest_FailsNamingSourceDocumentLineAndFix(string errorCase)
    {
        var yaml = YamlTestData.Read(Path.Combine("errors", errorCase + ".yaml"));
        var expected = YamlTestData.Read(Path.Combine("errors", errorCase + ".txt")).TrimEnd('\n');

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(yaml, errorCase + ".yaml"));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task ReadAsync_AStream_ReadsTheSameObjectsAsAString()
    {
        var yaml = YamlTestData.Read("manifest.yaml");
        await using var stream = new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(yaml)).ToArray());

        var objects = await ManifestReader.ReadAsync(stream, "manifest.yaml", CancellationToken.None);

        Assert.Equal(ManifestReader.Read(yaml, "manifest.yaml").Select(o => o.Key), objects.Select(o => o.Key));
        Assert.True(stream.CanRead, "the caller's stream stays open");
    }
}
