using System.Text.Json;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Tests.Resources.Models;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Kubernetes.Tests.Yaml;

public class ManifestWriterTests
{
    public static TheoryData<string> Fixtures => ObjectFixture.All();

    [Fact]
    public void Write_ThenRead_GivesEqualObjects()
    {
        var objects = ManifestReader.Read(YamlTestData.Read("manifest.yaml"), "manifest.yaml");

        var again = ManifestReader.Read(ManifestWriter.Write(objects), "written.yaml");

        Assert.Equal(objects.Select(Json), again.Select(Json));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Write_ThenRead_KeepsEveryFieldOfARealObject(string fixtureName)
    {
        if (ObjectFixture.Load(fixtureName).Read() is not KubernetesObject obj)
        {
            return; // Table and DeleteOptions are not manifest objects.
        }

        var again = Assert.Single(ManifestReader.Read(ManifestWriter.Write([obj]), fixtureName + ".yaml"));

        // Kinds without a resource (Eviction, Scale, Binding) come back generic, with the same fields.
        Assert.Equal(KnownResources.ModelType(obj.ApiVersion, obj.Kind), again.GetType());
        Assert.Equal(Json(obj), Json(again));
    }

    [Fact]
    public void Write_SeveralObjects_SeparatesThemWithDashLinesAsKubectlDoes()
    {
        var objects = new KubernetesObject[]
        {
            new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = "shop" } },
            new ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new ObjectMeta { Name = "web", Namespace = "shop", Labels = new() { ["version"] = "1.30" } },
                Data = new() { ["enabled"] = "true", ["zip"] = "0123", ["empty"] = "", ["script"] = "#!/bin/sh\necho hi\n" },
            },
        };

        var yaml = ManifestWriter.Write(objects);

        Assert.Equal(
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: v1
            data:
              empty: ""
              enabled: "true"
              script: |
                #!/bin/sh
                echo hi
              zip: "0123"
            kind: ConfigMap
            metadata:
              labels:
                version: "1.30"
              name: web
              namespace: shop

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void Write_NoObjects_GivesAnEmptyManifest() => Assert.Equal("", ManifestWriter.Write([]));

    private static string Json(KubernetesObject obj) =>
        JsonSemantics.Canonical(JsonSerializer.SerializeToNode(obj, obj.GetType(), KubernetesJson.Options));
}
