using System.Text.Json.Nodes;
using Keelson.Simulator.Patching;
using Keelson.Simulator.Schema;
using Keelson.Simulator.Tests.TestData;

namespace Keelson.Simulator.Tests.Patching;

/// <summary>
/// Each folder under <c>testdata/ssa</c> is a story of writes to one object, in <c>case.json</c>: the kind, then steps
/// that apply (server-side apply) or update (any other write) an object file as some field manager, at some time.
/// A step may name the file the stored object must then equal (<c>expect</c>), or the error it must fail with.
/// </summary>
public class FieldManagerTests
{
    private const string Area = "ssa";

    private static readonly GroupVersionKind Deployment = new("apps", "v1", "Deployment");
    private static readonly GroupVersionKind ConfigMap = new("", "v1", "ConfigMap");

    public static TheoryData<string> Cases => TestDataCases.Folders(Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Steps_TestdataCase_StoreOwnershipLikeKubeApiserver(string name)
    {
        var story = TestDataCases.Json(Area, name, "case.json");
        var kind = GroupVersionKind.FromApiVersion((string)story["apiVersion"]!, (string)story["kind"]!);
        var time = new FixedTime(DateTimeOffset.Parse("2024-05-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var manager = new FieldManager(SchemaRegistry.BuiltIn, time);
        JsonObject? live = null;

        foreach (var step in story["steps"]!.AsArray())
        {
            if ((string?)step!["time"] is { } at)
            {
                time.Now = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
            }

            var input = (JsonObject)TestDataCases.Json(Area, name, (string)step["object"]!);
            var who = (string)step["manager"]!;
            var subresource = (string?)step["subresource"];
            Func<JsonObject> write = (string)step["operation"]! switch
            {
                "apply" => () => manager.Apply(kind, live, input, who, (bool?)step["force"] ?? false, subresource),
                "update" => () => manager.Update(kind, live, input, who, subresource),
                var other => throw new InvalidOperationException($"{name}: unknown operation {other}"),
            };

            if (step["error"] is JsonObject expectedError)
            {
                var error = Assert.ThrowsAny<StatusException>(write);
                Assert.Equal((int)expectedError["code"]!, error.Code);
                Assert.Equal((string)expectedError["message"]!, error.Message);
                if (expectedError["causes"] is JsonArray causes)
                {
                    Assert.Equal(causes.Select(c => ((string)c!["field"]!, (string)c["message"]!)), error.Details!.Causes!.Select(c => (c.Field!, c.Message!)));
                }

                continue;
            }

            live = write();
            if ((string?)step["expect"] is { } expected)
            {
                Assert.Equal(TestDataCases.Compact(TestDataCases.Json(Area, name, expected)), TestDataCases.Compact(live));
            }
        }
    }

    [Fact]
    public void Update_StatusThroughMainResource_IsNotOwnedByTheWriter()
    {
        var manager = new FieldManager(SchemaRegistry.BuiltIn, new FixedTime(DateTimeOffset.UnixEpoch));
        var deployment = (JsonObject)JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1},"status":{"replicas":1}}""")!;

        var stored = manager.Update(Deployment, null, deployment, "kubectl-create");

        var fields = stored["metadata"]!["managedFields"]![0]!["fieldsV1"]!.AsObject();
        Assert.True(fields.ContainsKey("f:spec"));
        Assert.False(fields.ContainsKey("f:status"));
    }

    [Fact]
    public void Update_ThroughStatusSubresource_RecordsOnlyStatusUnderThatSubresource()
    {
        var manager = new FieldManager(SchemaRegistry.BuiltIn, new FixedTime(DateTimeOffset.UnixEpoch));
        var live = (JsonObject)JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1}}""")!;
        var updated = (JsonObject)JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":5},"status":{"readyReplicas":1}}""")!;

        var stored = manager.Update(Deployment, live, updated, "kube-controller-manager", "status");

        var entry = stored["metadata"]!["managedFields"]![0]!;
        Assert.Equal("status", (string)entry["subresource"]!);
        Assert.Equal("""{"f:status":{"f:readyReplicas":{}}}""", entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void Update_ByMoreThanTenManagers_MergesTheOldestIntoAncientChanges()
    {
        var time = new FixedTime(DateTimeOffset.Parse("2024-05-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var manager = new FieldManager(SchemaRegistry.BuiltIn, time);
        JsonObject? live = null;
        for (var i = 0; i < 12; i++)
        {
            time.Now = time.Now.AddMinutes(1);
            var next = (JsonObject)(live?.DeepClone() ?? JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""")!);
            next["data"] ??= new JsonObject();
            next["data"]![$"k{i}"] = "v";
            live = manager.Update(ConfigMap, live, next, $"writer-{i:00}");
        }

        var managers = live!["metadata"]!["managedFields"]!.AsArray().Select(e => (string)e!["manager"]!).ToList();
        Assert.Equal(10, managers.Count);
        Assert.Equal("ancient-changes", managers[0]);
        Assert.DoesNotContain("writer-00", managers);
        Assert.DoesNotContain("writer-02", managers);
        Assert.Contains("writer-11", managers);
        Assert.Contains("f:k0", live["metadata"]!["managedFields"]![0]!["fieldsV1"]!["f:data"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Apply_Unchanged_KeepsTheStoredObjectAndItsTimestamps()
    {
        var time = new FixedTime(DateTimeOffset.Parse("2024-05-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var manager = new FieldManager(SchemaRegistry.BuiltIn, time);
        var config = (JsonObject)JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""")!;
        var first = manager.Apply(ConfigMap, null, config, "ci", force: false);

        time.Now = time.Now.AddHours(1);
        var second = manager.Apply(ConfigMap, first, config, "ci", force: false);

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Theory]
    [InlineData("ci", "kubectl/v1.30.0 (linux/amd64) kubernetes/abc", "ci")]
    [InlineData(null, "kubectl/v1.30.0 (linux/amd64) kubernetes/abc", "kubectl")]
    [InlineData("", "OpenAPI-Generator/22.6.0/python", "OpenAPI-Generator")]
    public void ManagerFor_WithoutFieldManager_UsesUserAgentPrefix(string? fieldManager, string userAgent, string expected)
    {
        Assert.Equal(expected, FieldManager.ManagerFor(fieldManager, userAgent));
    }
}
