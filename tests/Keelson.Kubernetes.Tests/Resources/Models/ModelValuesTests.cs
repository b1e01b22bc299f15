using System.Text;
using System.Text.Json;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Tests.Resources.Models;

public class ModelValuesTests
{
    private static T Read<T>(string fixture) => (T)ObjectFixture.Load(fixture).Read();

    [Fact]
    public void Read_Pod_ExposesProbesEnvVolumesAndContainerStates()
    {
        var pod = Read<Pod>("pod");
        var web = pod.Spec!.Containers![0];

        Assert.Equal(IntOrString.FromString("http"), web.LivenessProbe!.HttpGet!.Port);
        Assert.Equal(IntOrString.FromInt(8080), web.ReadinessProbe!.TcpSocket!.Port);
        Assert.Equal(9090, web.StartupProbe!.Grpc!.Port);
        Assert.Equal(8080, web.Ports![0].Port);
        Assert.Equal("metadata.name", web.Env![1].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal(Quantity.Parse("1Mi"), web.Env[3].ValueFrom!.ResourceFieldRef!.Divisor);
        Assert.Equal(Quantity.Parse("500m"), web.Resources!.Limits!["cpu"]);
        Assert.True(pod.Spec.HostIpc is null && pod.Spec.EnableServiceLinks == true);
        Assert.Equal("kube-root-ca.crt", pod.Spec.Volumes![2].Projected!.Sources![1].ConfigMap!.Name);
        Assert.Equal("metadata.namespace", pod.Spec.Volumes[2].Projected!.Sources![2].DownwardApi!.Items![0].FieldRef!.FieldPath);
        Assert.Equal("OOMKilled", pod.Status!.ContainerStatuses![0].LastState!.Terminated!.Reason);
        Assert.Equal(137, pod.Status.ContainerStatuses[0].LastState!.Terminated!.ExitCode);
        Assert.Equal("10.244.1.17", pod.Status.PodIPs![0].IP);
    }

    [Fact]
    public void Read_Node_ExposesKubeletPortCapacityAndSystemInfo()
    {
        var node = Read<Node>("node");

        Assert.Equal(10250, node.Status!.DaemonEndpoints!.KubeletEndpoint!.Port);
        Assert.Equal(Quantity.Parse("110"), node.Status.Capacity!["pods"]);
        Assert.Equal("7c9e6679-7425-40de-944b-e07fc1f90ae7", node.Status.NodeInfo!.SystemUuid);
        Assert.Equal(["10.244.1.0/24"], node.Spec!.PodCidrs!);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 11, 0, 0, TimeSpan.Zero), node.Spec.Taints![0].TimeAdded);
    }

    [Fact]
    public void Read_Lease_KeepsMicrosecondsOfItsTimes()
    {
        var lease = Read<Lease>("lease");

        var expected = new DateTimeOffset(2024, 5, 1, 12, 0, 7, TimeSpan.Zero).AddTicks(9_123_450);
        Assert.Equal(expected, lease.Spec!.RenewTime);
    }

    [Fact]
    public void Write_LeaseTimes_HaveMicrosecondsAndOtherTimesSeconds()
    {
        var time = new DateTimeOffset(2024, 5, 1, 12, 0, 7, TimeSpan.Zero).AddTicks(9_123_456);
        var lease = new Lease { Metadata = new ObjectMeta { CreationTimestamp = time }, Spec = new LeaseSpec { RenewTime = time } };

        var json = KubernetesJson.Serialize(lease);

        Assert.Contains("\"renewTime\":\"2024-05-01T12:00:07.912345Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"creationTimestamp\":\"2024-05-01T12:00:07Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Secret_DecodesItsBase64Data()
    {
        var secret = Read<Secret>("secret");

        Assert.Equal("admin", Encoding.UTF8.GetString(secret.Data!["username"]));
        Assert.Equal("Opaque", secret.Type);
    }

    [Fact]
    public void Read_PodDisruptionBudget_ExposesPercentagesAndDisruptedPods()
    {
        var pdb = Read<PodDisruptionBudget>("poddisruptionbudget");

        Assert.Equal(IntOrString.FromString("34%"), pdb.Spec!.MaxUnavailable);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 20, TimeSpan.Zero), pdb.Status!.DisruptedPods!["web-7d9c6b8f5d-q8w7e"]);
    }

    [Fact]
    public void Read_StatefulSet_ExposesPartitionAndKeepsClaimTemplatesAsObjects()
    {
        var sts = Read<StatefulSet>("statefulset");

        Assert.Equal(2, sts.Spec!.UpdateStrategy!.RollingUpdate!.Partition);
        Assert.Equal("data", sts.Spec.VolumeClaimTemplates![0].Metadata.Name);
        Assert.Equal("10Gi", sts.Spec.VolumeClaimTemplates[0].Field("spec")!.Value.GetProperty("resources").GetProperty("requests").GetProperty("storage").GetString());
    }

    [Fact]
    public void Read_Table_KeepsCellsOfEveryTypeAndTheRowObject()
    {
        var table = Read<Table>("table");

        Assert.Equal(9, table.ColumnDefinitions!.Count);
        Assert.Equal(1, table.ColumnDefinitions[5].Priority);
        var cells = table.Rows![1].Cells!;
        Assert.Equal(JsonValueKind.Number, cells[3].ValueKind);
        Assert.Equal(JsonValueKind.Null, cells[7].ValueKind);
        Assert.Equal("Completed", table.Rows[1].Conditions![0].Type);
        Assert.Equal("PartialObjectMetadata", table.Rows[0].Object!.Value.GetProperty("kind").GetString());
    }

    [Fact]
    public void Read_MetricsAndEvents_ExposeUsageAndEventTimes()
    {
        var podMetrics = Read<PodMetrics>("podmetrics");
        var nodeMetrics = Read<NodeMetrics>("nodemetrics");
        var ev = Read<Event>("event");

        Assert.Equal(Quantity.Parse("18764Ki"), podMetrics.Containers![0].Usage!["memory"]);
        Assert.Equal("20.052s", nodeMetrics.Window);
        Assert.Equal(482_913, ev.EventTime!.Value.Ticks % TimeSpan.TicksPerSecond / 10);
        Assert.Equal(2, ev.Series!.Count);
        Assert.Null(ev.FirstTimestamp);
    }
}
