using Keelson.Core.Fleet;
using Keelson.Core.Flows.Executors;
using Keelson.Core.Flows.Runs;
using Keelson.Kubernetes.Informers;

namespace Keelson.Core.Changes;

/// <summary>
/// Turns a plan into a scope and a blast radius with the live fleet view: a changed or deleted
/// workload touches its pods and their nodes; an evicted or deleted pod touches its workload and
/// node; a changed node (cordon, drain) is a node touched. Without a fleet view (or before it has a
/// cluster) only what the plan names is counted, and the radius says it is an estimate.
/// </summary>
internal sealed class BlastRadiusCalculator(FleetView? fleet)
{
    public (ChangeScope Scope, BlastRadius Radius) Compute(FlowPlan plan)
    {
        var clusters = new SortedSet<string>(StringComparer.Ordinal);
        var nodes = new SortedSet<string>(StringComparer.Ordinal);
        var workloads = new SortedSet<string>(StringComparer.Ordinal);
        var pods = new HashSet<string>(StringComparer.Ordinal);
        var objects = 0;
        var estimated = false;
        foreach (var action in plan.Tasks.SelectMany(t => t.Actions).Where(a => a.Cluster is not null && a.Verb != PlannedVerb.Call))
        {
            var cluster = action.Cluster!;
            clusters.Add(cluster);
            objects++;
            var view = fleet?.Entries.FirstOrDefault(e => e.Name == cluster)?.View;
            estimated |= view is null;
            switch (action.Kind)
            {
                case "Node":
                    nodes.Add($"{cluster}/{action.Name}");
                    break;
                case "Pod":
                    pods.Add($"{cluster}/{action.Namespace}/{action.Name}");
                    if (view?.Pods.Get(new ObjectKey(action.Namespace ?? "default", action.Name)) is { } pod)
                    {
                        AddPod(pod);
                    }
                    else if (action.Detail is { } detail && detail.StartsWith("from node ", StringComparison.Ordinal))
                    {
                        nodes.Add($"{cluster}/{detail["from node ".Length..]}");
                    }

                    break;
                case "Deployment" or "StatefulSet" or "DaemonSet":
                    workloads.Add($"{cluster}/{action.Namespace}/{action.Kind}/{action.Name}");
                    if (action.Verb != PlannedVerb.Create && view is not null && Enum.TryParse<WorkloadKind>(action.Kind, out var kind))
                    {
                        foreach (var owned in view.Pods.ByIndex(ClusterView.WorkloadIndex, FleetWorkload.KeyOf(kind, action.Namespace ?? "default", action.Name)))
                        {
                            pods.Add($"{cluster}/{owned.Namespace}/{owned.Name}");
                            AddPod(owned);
                        }
                    }

                    break;
            }
        }

        var scope = new ChangeScope([.. clusters], [.. nodes], [.. workloads]);
        return (scope, new BlastRadius(clusters.Count, nodes.Count, workloads.Count, pods.Count, objects, estimated));

        void AddPod(FleetPod pod)
        {
            if (pod.Node is { } node)
            {
                nodes.Add($"{pod.Cluster}/{node}");
            }

            if (pod.WorkloadKind is { } kind && pod.Workload is { } name)
            {
                workloads.Add($"{pod.Cluster}/{pod.Namespace}/{kind}/{name}");
            }
        }
    }
}
