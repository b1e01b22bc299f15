using Keelson.Core.Flows.Executors;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Tests.Flows;

/// <summary>
/// <c>available</c> as <c>kube.wait</c> judges it, on objects as the API returns them: a moment a
/// real controller passes too quickly for a test against the simulator to catch.
/// </summary>
public sealed class ObjectConditionTests
{
    [Fact]
    public void Available_IsNotJudgedFromAStatusTheControllerWroteForAnEarlierGeneration()
    {
        var (met, observed) = ObjectCondition.Test("available", Deployment(generation: 2, """{"observedGeneration": 1, "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2}"""));

        Assert.False(met);
        Assert.Equal("the controller has not seen generation 2 yet (observed 1)", observed);
    }

    [Fact]
    public void Available_OnceEveryReplicaIsUpdatedAndAvailable()
    {
        var (met, observed) = ObjectCondition.Test("available", Deployment(generation: 2, """{"observedGeneration": 2, "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2}"""));

        Assert.True(met);
        Assert.Equal("2 of 2 available, 2 updated, 2 in total", observed);
    }

    private static GenericObject Deployment(long generation, string status) => KubernetesJson.Deserialize<GenericObject>($$"""
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default", "generation": {{generation}}},
         "spec": {"replicas": 2}, "status": {{status}}}
        """);
}
