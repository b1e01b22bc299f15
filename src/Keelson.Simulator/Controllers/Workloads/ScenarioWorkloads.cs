using System.Text.Json;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Api;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;
using Microsoft.Extensions.Logging;

namespace Keelson.Simulator.Controllers.Workloads;

/// <summary>
/// Deploys the scenario's applications when the cluster starts — each workload's namespace,
/// its Deployment, StatefulSet or DaemonSet, a Service when it has a port and a
/// PodDisruptionBudget when it has one — through the registry, as a user's
/// <c>kubectl apply</c> would. Each workload is a queue key, so a refused write is retried;
/// what exists already is left as it is, and nothing is recreated once deployed.
/// </summary>
internal sealed partial class ScenarioWorkloads : Controller
{
    private const string Manager = "keelson-scenario";

    /// <summary>Creates the deployer of one cluster's workloads.</summary>
    public ScenarioWorkloads(SimulationContext cluster)
        : base(cluster, "scenario-workloads")
    {
        foreach (var workload in cluster.Spec.Workloads)
        {
            Queue.Add(new ObjectKey(workload.Namespace, workload.Name));
        }
    }

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var spec = Cluster.Spec.Workloads.First(w => w.Namespace == key.Namespace && w.Name == key.Name);
        KubernetesObject workload;
        try
        {
            workload = WorkloadObjects.Workload(spec);
        }
        catch (ArgumentException e)
        {
            LogBadWorkload(Cluster.Logger, Cluster.ClusterName, e.Message);
            return; // retrying would not make the scenario right
        }

        CreateMissing(Cluster.Kinds.Namespace, WorkloadObjects.Namespace(spec.Namespace));
        CreateMissing(Cluster.Store.Catalog.ByKind("apps/v1", spec.Kind)!, workload);
        if (spec.Port > 0)
        {
            CreateMissing(Cluster.Kinds.Service, WorkloadObjects.Service(spec));
        }

        if (spec.Pdb is not null)
        {
            CreateMissing(Cluster.Kinds.PodDisruptionBudget, WorkloadObjects.DisruptionBudget(spec));
        }
    }

    private void CreateMissing(ResourceKind kind, KubernetesObject obj)
    {
        if (Cluster.Registry.Get(kind, obj.Metadata.Namespace, obj.Metadata.Name!) is not null)
        {
            return;
        }

        try
        {
            // Serialized as its own type: the workload comes as a plain KubernetesObject.
            var json = JsonSerializer.SerializeToNode(obj, obj.GetType(), KubernetesJson.Options)!.AsObject();
            Cluster.Registry.Create(kind, obj.Metadata.Namespace, json, WriteContext.For(Manager));
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            // Another workload of the namespace created it first.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "scenario cluster {Cluster}: {Problem}; the workload is not deployed")]
    private static partial void LogBadWorkload(ILogger logger, string cluster, string problem);
}
