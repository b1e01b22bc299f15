using System.Text.Json.Nodes;
using Keelson.Simulator.Defaults;
using Keelson.Simulator.Tables;
using Keelson.Simulator.Tests.Tables;

namespace Keelson.Simulator.Tests.Defaults;

public sealed class DefaulterTests
{
    public static TheoryData<string> Cases => TestCases.Names("defaults");

    /// <summary>
    /// Each <c>testdata/defaults/&lt;case&gt;/input.json</c> is an object as a client creates it (with the metadata the
    /// store assigns where defaulting needs it); <c>expected.json</c> is what a 1.30 cluster stores, minus the
    /// store's own metadata and the service-account token volume.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_OnCreate_ProducesWhatKubeApiserverStores(string name)
    {
        var obj = TestCases.Read("defaults", name, "input.json")!;

        Defaulter.Apply(obj.GetString("apiVersion")!, obj.GetString("kind")!, obj, DefaultingOperation.Create);

        TestCases.AssertJsonEqual(TestCases.Read("defaults", name, "expected.json"), obj);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_Twice_ChangesNothingMore(string name)
    {
        var obj = TestCases.Read("defaults", name, "input.json")!;
        var (apiVersion, kind) = (obj.GetString("apiVersion")!, obj.GetString("kind")!);
        Defaulter.Apply(apiVersion, kind, obj, DefaultingOperation.Create);
        var once = obj.DeepClone();

        Defaulter.Apply(apiVersion, kind, obj, DefaultingOperation.Update);

        TestCases.AssertJsonEqual(once, obj);
    }

    [Fact]
    public void Apply_OnUpdate_KeepsThePodStatusAndAddsNoAdmissionDefaults()
    {
        var pod = Parse("""{"metadata":{"name":"web"},"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]},"status":{"phase":"Running"}}""");

        Defaulter.Apply("v1", "Pod", pod, DefaultingOperation.Update);

        Assert.Equal("Running", pod["status"]!["phase"]!.GetValue<string>());
        Assert.Null(pod["spec"]!["tolerations"]);
        Assert.Null(pod["spec"]!["priority"]);
        Assert.Equal("ClusterFirst", pod["spec"]!["dnsPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_OnUpdate_DoesNotPutBackARemovedNamespaceFinalizer()
    {
        var ns = Parse("""{"metadata":{"name":"old"},"spec":{"finalizers":[]},"status":{"phase":"Terminating"}}""");

        Defaulter.Apply("v1", "Namespace", ns, DefaultingOperation.Update);

        Assert.Empty(ns["spec"]!["finalizers"]!.AsArray());
        Assert.Equal("Terminating", ns["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("old", ns["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_OnJobCreateWithoutUid_SaysWhatToAssignFirst()
    {
        var job = Parse("""{"metadata":{"name":"pi"},"spec":{"template":{"spec":{"containers":[{"name":"pi","image":"perl"}],"restartPolicy":"Never"}}}}""");

        var error = Assert.Throws<ArgumentException>(() => Defaulter.Apply("batch/v1", "Job", job, DefaultingOperation.Create));

        Assert.Contains("metadata.uid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WithManualSelector_GeneratesNoSelector()
    {
        var job = Parse("""
            {"metadata":{"name":"pi","uid":"u-1"},"spec":{"manualSelector":true,"selector":{"matchLabels":{"app":"pi"}},
             "template":{"metadata":{"labels":{"app":"pi"}},"spec":{"containers":[{"name":"pi","image":"perl"}],"restartPolicy":"Never"}}}}
            """);

        Defaulter.Apply("batch/v1", "Job", job, DefaultingOperation.Create);

        TestCases.AssertJsonEqual(Parse("""{"matchLabels":{"app":"pi"}}"""), job["spec"]!["selector"]);
        TestCases.AssertJsonEqual(Parse("""{"app":"pi"}"""), job["spec"]!["template"]!["metadata"]!["labels"]);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.26", "IfNotPresent")]
    [InlineData("localhost:5000/team/app", "Always")]
    [InlineData("localhost:5000/team/app:v2", "IfNotPresent")]
    [InlineData("registry.example.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    [InlineData("registry.example.com/app:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always")]
    [InlineData("Nginx", "IfNotPresent")]
    [InlineData("", "IfNotPresent")]
    public void Apply_DefaultsImagePullPolicyFromTheImageTag(string image, string expected)
    {
        var pod = Parse($$$"""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"{{{image}}}"}]}}""");

        Defaulter.Apply("v1", "Pod", pod, DefaultingOperation.Update);

        Assert.Equal(expected, pod["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"limits":{"cpu":"1","memory":"1Gi"}}""", "Guaranteed")]
    [InlineData("""{"limits":{"cpu":"0.5","memory":"512Mi"},"requests":{"cpu":"500m","memory":"536870912"}}""", "Guaranteed")]
    [InlineData("""{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"100m"}}""", "Burstable")]
    [InlineData("""{"limits":{"memory":"1Gi"}}""", "Burstable")]
    [InlineData("""{"requests":{"cpu":"0","memory":"0"}}""", "BestEffort")]
    [InlineData("""{"limits":{"nvidia.com/gpu":"1"}}""", "BestEffort")]
    [InlineData("{}", "BestEffort")]
    public void Apply_OnCreate_ComputesTheQosClass(string resources, string expected)
    {
        var pod = Parse($$$"""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"app:1","resources":{{{resources}}}}]}}""");

        Defaulter.Apply("v1", "Pod", pod, DefaultingOperation.Create);

        Assert.Equal(expected, pod["status"]!["qosClass"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_ToUnknownKind_LeavesTheObjectAlone()
    {
        var widget = Parse("""{"metadata":{"name":"w"},"spec":{"size":""}}""");

        Defaulter.Apply("example.com/v1", "Widget", widget, DefaultingOperation.Create);

        TestCases.AssertJsonEqual(Parse("""{"metadata":{"name":"w"},"spec":{"size":""}}"""), widget);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
