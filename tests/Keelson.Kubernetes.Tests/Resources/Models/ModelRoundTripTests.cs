using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Tests.Resources.Models;

public class ModelRoundTripTests
{
    public static TheoryData<string> Fixtures => ObjectFixture.All();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ReadModifyWrite_ChangingOneField_KeepsEveryOtherFieldKnownOrNot(string fixtureName)
    {
        var fixture = ObjectFixture.Load(fixtureName);
        var model = fixture.Read();
        var expected = fixture.Json.DeepClone().AsObject();

        switch (model)
        {
            case KubernetesObject obj:
                (obj.Metadata.Labels ??= [])["keelson.dev/touched"] = "yes";
                var metadata = expected["metadata"]?.AsObject() ?? [];
                expected["metadata"] = metadata;
                var labels = metadata["labels"]?.AsObject() ?? [];
                metadata["labels"] = labels;
                labels["keelson.dev/touched"] = "yes";
                break;
            case Table table:
                table.Metadata!.ResourceVersion = "1";
                expected["metadata"]!["resourceVersion"] = "1";
                break;
            case DeleteOptions options:
                options.PropagationPolicy = "Foreground";
                expected["propagationPolicy"] = "Foreground";
                break;
            default:
                Assert.Fail($"no change defined for {model.GetType().Name}");
                break;
        }

        Assert.Equal(JsonSemantics.Canonical(expected), JsonSemantics.Canonical(ObjectFixture.Write(model)));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Read_EveryFieldOfTheFixture_LandsInATypedPropertyUnlessTheModelDoesNotDeclareIt(string fixtureName)
    {
        var fixture = ObjectFixture.Load(fixtureName);

        var untyped = UntypedFields.Of(fixture.Read());

        Assert.Equal(fixture.UntypedPaths, untyped);
    }

    [Fact]
    public void ReadModifyWrite_ChangingAContainerImage_ChangesOnlyThatImage()
    {
        var fixture = ObjectFixture.Load("pod");
        var pod = (Pod)fixture.Read();

        pod.Spec!.Containers![0].Image = "registry.example.com/web:1.5.0";

        var expected = fixture.Json.DeepClone();
        expected["spec"]!["containers"]![0]!["image"] = "registry.example.com/web:1.5.0";
        Assert.Equal(JsonSemantics.Canonical(expected), JsonSemantics.Canonical(ObjectFixture.Write(pod)));
    }

    [Fact]
    public void ReadModifyWrite_ScalingADeploymentToZero_WritesReplicasZeroAndKeepsTheUnknownSpecField()
    {
        var fixture = ObjectFixture.Load("deployment");
        var deployment = (Deployment)fixture.Read();

        deployment.Spec!.Replicas = 0;

        var written = ObjectFixture.Write(deployment);
        Assert.Equal(0, (int)written["spec"]!["replicas"]!);
        Assert.Equal("gradual", (string)written["spec"]!["someNewField"]!["mode"]!);
    }

    [Fact]
    public void ReadModifyWrite_UncordoningANode_WritesUnschedulableFalse()
    {
        var fixture = ObjectFixture.Load("node");
        var node = (Node)fixture.Read();

        node.Spec!.Unschedulable = false;

        var expected = fixture.Json.DeepClone();
        expected["spec"]!["unschedulable"] = false;
        Assert.Equal(JsonSemantics.Canonical(expected), JsonSemantics.Canonical(ObjectFixture.Write(node)));
    }

    [Fact]
    public void Write_ZeroFalseAndEmptyValues_AreWrittenRatherThanDropped()
    {
        var deployment = new Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec
            {
                Replicas = 0,
                Paused = false,
                Template = new PodTemplateSpec
                {
                    Spec = new PodSpec
                    {
                        Containers = [new Container { Name = "web", Env = [], Stdin = false }],
                        SecurityContext = new PodSecurityContext(),
                    },
                },
            },
        };

        var json = (JsonObject)ObjectFixture.Write(deployment);

        Assert.Equal(
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"paused":false,"replicas":0,"template":{"spec":{"containers":[{"env":[],"name":"web","stdin":false}],"securityContext":{}}}}}""",
            JsonSemantics.Canonical(json).Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadWrite_ZeroFalseAndEmptyValuesFromTheServer_SurviveAndAbsentFieldsStayAbsent()
    {
        const string json = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":0,"paused":false,"selector":{},"template":{"metadata":{},"spec":{
               "containers":[{"name":"web","env":[],"ports":[],"tty":false,"resources":{}}]}}}}
            """;

        var deployment = KubernetesJson.Deserialize<Deployment>(json);
        var container = deployment.Spec!.Template!.Spec!.Containers![0];

        Assert.Equal(0, deployment.Spec.Replicas);
        Assert.False(deployment.Spec.Paused);
        Assert.Empty(container.Env!);
        Assert.Null(container.Args);
        Assert.Null(deployment.Spec.MinReadySeconds);
        Assert.Equal(
            JsonSemantics.Canonical(JsonNode.Parse(json)),
            JsonSemantics.Canonical(ObjectFixture.Write(deployment)));
    }
}
