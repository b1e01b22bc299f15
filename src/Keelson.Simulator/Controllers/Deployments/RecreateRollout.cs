using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Controllers.Deployments;

/// <summary><c>Recreate</c>: scale every old replica set to zero, wait until no old pod runs, then scale the new one up.</summary>
internal sealed class RecreateRollout : IRolloutStrategy
{
    /// <inheritdoc />
    public void Rollout(DeploymentSync sync)
    {
        ArgumentNullException.ThrowIfNull(sync);
        var (newRS, oldRSs) = sync.AllReplicaSetsWithRevision(createIfMissing: false);
        List<ReplicaSet> allRSs = [.. oldRSs.Append(newRS).OfType<ReplicaSet>()];

        var scaledDown = false;
        for (var i = 0; i < oldRSs.Count; i++)
        {
            if (DeploymentSync.Replicas(oldRSs[i]) > 0)
            {
                var (scaled, updated) = sync.ScaleAndRecord(oldRSs[i], 0);
                oldRSs[i] = updated;
                scaledDown |= scaled;
            }
        }

        if (scaledDown || sync.OldPodsRunning(newRS, oldRSs))
        {
            sync.SyncRolloutStatus(allRSs, newRS);
            return;
        }

        if (newRS is null)
        {
            (newRS, oldRSs) = sync.AllReplicaSetsWithRevision(createIfMissing: true);
            allRSs = [.. oldRSs, newRS!];
        }

        sync.ScaleAndRecord(newRS!, sync.DesiredReplicas);
        if (sync.Complete(sync.Deployment.Status))
        {
            sync.CleanUp(oldRSs);
        }

        sync.SyncRolloutStatus(allRSs, newRS);
    }
}
