using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Controllers.Deployments;

/// <summary>
/// <c>RollingUpdate</c>: scale the new replica set up within <c>maxSurge</c>, scale old ones
/// down within <c>maxUnavailable</c> (unhealthy old pods first), one step per pass.
/// </summary>
internal sealed class RollingUpdateRollout : IRolloutStrategy
{
    /// <inheritdoc />
    public void Rollout(DeploymentSync sync)
    {
        ArgumentNullException.ThrowIfNull(sync);
        var (created, oldRSs) = sync.AllReplicaSetsWithRevision(createIfMissing: true);
        var newRS = created!;
        List<ReplicaSet> allRSs = [.. oldRSs, newRS];

        if (ReconcileNewReplicaSet(sync, allRSs, newRS) ||
            ReconcileOldReplicaSets(sync, allRSs, [.. oldRSs.Where(r => DeploymentSync.Replicas(r) > 0)], newRS))
        {
            sync.SyncRolloutStatus(allRSs, newRS);
            return;
        }

        if (sync.Complete(sync.Deployment.Status))
        {
            sync.CleanUp(oldRSs);
        }

        sync.SyncRolloutStatus(allRSs, newRS);
    }

    private static bool ReconcileNewReplicaSet(DeploymentSync sync, List<ReplicaSet> allRSs, ReplicaSet newRS)
    {
        var replicas = sync.DesiredReplicas;
        var current = DeploymentSync.Replicas(newRS);
        if (current == replicas)
        {
            return false;
        }

        var target = current > replicas ? replicas : sync.NewReplicaSetReplicas(allRSs, newRS);
        return sync.ScaleAndRecord(newRS, target).Scaled;
    }

    private static bool ReconcileOldReplicaSets(DeploymentSync sync, List<ReplicaSet> allRSs, List<ReplicaSet> oldRSs, ReplicaSet newRS)
    {
        if (oldRSs.Sum(DeploymentSync.Replicas) == 0)
        {
            return false;
        }

        // Never scale old pods down further than unavailable new pods allow (kube's maxScaledDown).
        var minAvailable = sync.DesiredReplicas - sync.MaxUnavailable;
        var newUnavailable = DeploymentSync.Replicas(newRS) - (newRS.Status?.AvailableReplicas ?? 0);
        var maxScaledDown = allRSs.Sum(DeploymentSync.Replicas) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }

        if (CleanUpUnhealthy(sync, oldRSs, maxScaledDown) is not { } cleaned)
        {
            return false;
        }

        var scaledDown = ScaleDownOld(sync, [.. oldRSs, newRS], oldRSs);
        return cleaned + scaledDown > 0;
    }

    /// <summary>
    /// Removes old replicas that are not available anyway: that costs no availability and
    /// unblocks the rollout. Null when a replica set reports more available pods than it
    /// wants (its status lags a scale-down): kube gives up on this step then.
    /// </summary>
    private static int? CleanUpUnhealthy(DeploymentSync sync, List<ReplicaSet> oldRSs, int maxCleanup)
    {
        DeploymentSync.SortByCreation(oldRSs);
        var total = 0;
        for (var i = 0; i < oldRSs.Count && total < maxCleanup; i++)
        {
            var replicas = DeploymentSync.Replicas(oldRSs[i]);
            var available = oldRSs[i].Status?.AvailableReplicas ?? 0;
            if (replicas == 0 || replicas == available)
            {
                continue;
            }

            var count = Math.Min(maxCleanup - total, replicas - available);
            if (count < 0)
            {
                return null;
            }

            oldRSs[i] = sync.ScaleAndRecord(oldRSs[i], replicas - count).Updated;
            total += count;
        }

        return total;
    }

    private static int ScaleDownOld(DeploymentSync sync, List<ReplicaSet> allRSs, List<ReplicaSet> oldRSs)
    {
        var minAvailable = sync.DesiredReplicas - sync.MaxUnavailable;
        var available = allRSs.Sum(r => r.Status?.AvailableReplicas ?? 0);
        if (available <= minAvailable)
        {
            return 0;
        }

        DeploymentSync.SortByCreation(oldRSs);
        var total = 0;
        var wanted = available - minAvailable;
        foreach (var rs in oldRSs)
        {
            if (total >= wanted)
            {
                break;
            }

            var replicas = DeploymentSync.Replicas(rs);
            if (replicas == 0)
            {
                continue;
            }

            var count = Math.Min(replicas, wanted - total);
            sync.ScaleAndRecord(rs, replicas - count);
            total += count;
        }

        return total;
    }
}
