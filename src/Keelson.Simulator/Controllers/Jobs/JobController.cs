using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Controllers.GarbageCollection;
using Keelson.Simulator.Controllers.ReplicaSets;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Jobs;

/// <summary>
/// kube-controller-manager's job controller (see <see cref="JobSync"/> for one pass). It
/// tracks the pods of jobs and the orphans they may adopt, remembers each job's back-off
/// between passes, and wakes jobs whose active deadline or back-off runs out.
/// </summary>
internal sealed class JobController : Controller
{
    private readonly PodCache _pods;
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, LabelMatcher> _selectors = [];
    private readonly Dictionary<ObjectKey, JobBackOff> _backOffs = [];

    /// <summary>Creates the controller of one cluster.</summary>
    public JobController(SimulationContext cluster)
        : base(cluster, "job-controller")
    {
        _pods = new PodCache("Job", cluster.Store.Strings);
        Watch(cluster.Kinds.Job, OnJob);
        Watch(cluster.Kinds.Pod, OnPod);
    }

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var stored = Cluster.Store.Table(Cluster.Kinds.Job).Get(key);
        if (stored is null)
        {
            ForgetBackOff(key);
            return;
        }

        new JobSync(Cluster, Name, this, stored).Run();
    }

    /// <summary>The job's pods: its own that still match its selector, plus orphans it adopts (with the tracking finalizer).</summary>
    public List<PodSummary> ClaimPods(StoredObject stored, Job job)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(job);
        var selector = ReplicaSetController.SelectorOf(job.Spec?.Selector);
        var claimed = new List<PodSummary>();
        foreach (var pod in _pods.ControlledBy(stored.Uid))
        {
            if (selector.Matches(pod.Labels))
            {
                claimed.Add(pod);
            }
            else if (!pod.Terminating && !stored.Terminating &&
                     OwnerReferences.Remove(Cluster.Registry, Cluster.Kinds.Pod, pod.Key, pod.Uid, [stored.Uid], Name) is { } released)
            {
                _pods.Record(released, removed: false);
            }
        }

        if (!stored.Terminating)
        {
            var owner = PodTemplates.ControllerReference(job, "batch/v1", "Job");
            foreach (var orphan in _pods.Orphans(stored.Key.Namespace))
            {
                if (!orphan.Terminating && selector.Matches(orphan.Labels) &&
                    OwnerReferences.Adopt(Cluster.Registry, Cluster.Kinds.Pod, orphan.Key, orphan.Uid, owner, Name, PodSummary.JobTrackingFinalizer) is { } adopted &&
                    _pods.Record(adopted, removed: false) is { } summary)
                {
                    claimed.Add(summary);
                }
            }
        }

        return claimed;
    }

    /// <summary>Records the outcome of a write to a pod.</summary>
    public void Record(StoredObject pod, bool removed) => _pods.Record(pod, removed);

    /// <summary>The job's back-off once <paramref name="succeeded"/> and <paramref name="failed"/> pods are counted.</summary>
    public JobBackOff BackOffAfter(ObjectKey job, IReadOnlyList<PodSummary> succeeded, IReadOnlyList<PodSummary> failed, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _backOffs.GetValueOrDefault(job, JobBackOff.None).After(succeeded, failed, now);
        }
    }

    /// <summary>Keeps the job's back-off after its status recorded the pods it counts.</summary>
    public void KeepBackOff(ObjectKey job, JobBackOff backOff)
    {
        lock (_lock)
        {
            _backOffs[job] = backOff;
        }
    }

    /// <summary>Drops a finished or deleted job's back-off.</summary>
    public void ForgetBackOff(ObjectKey job)
    {
        lock (_lock)
        {
            _backOffs.Remove(job);
        }
    }

    /// <summary>Lets every pod of a job that is gone or finished leave: no count is kept for them any more.</summary>
    public void ReleasePods(string jobUid)
    {
        foreach (var pod in _pods.ControlledBy(jobUid).Where(p => p.HasJobTrackingFinalizer))
        {
            RemoveTrackingFinalizer(pod);
        }
    }

    private bool HasLiveJob(PodSummary pod) =>
        pod is { ControllerKind: "Job", ControllerName: { } name } &&
        Cluster.Store.Table(Cluster.Kinds.Job).Get(new ObjectKey(pod.Key.Namespace, name))?.Uid == pod.ControllerUid;

    /// <summary>Runs another pass for the job after <paramref name="delay"/> (a deadline or back-off ends then).</summary>
    public void LookAgainAfter(ObjectKey job, TimeSpan delay) => Queue.AddAfter(job, delay + TimeSpan.FromMilliseconds(1));

    /// <summary>Removes a pod's tracking finalizer (once counted, or when no job will count it).</summary>
    public void RemoveTrackingFinalizer(PodSummary pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var stored = Cluster.Registry.Mutate<Pod>(Cluster.Kinds.Pod, pod.Key.Namespace, pod.Key.Name, Name, current =>
        {
            if (current.Metadata.Uid != pod.Uid || current.Metadata.Finalizers?.Remove(PodSummary.JobTrackingFinalizer) != true)
            {
                return false;
            }

            current.Metadata.Finalizers = current.Metadata.Finalizers.Count == 0 ? null : current.Metadata.Finalizers;
            return true;
        });
        if (stored is not null && Cluster.Registry.Get(Cluster.Kinds.Pod, pod.Key.Namespace, pod.Key.Name) is { } current)
        {
            _pods.Record(current, removed: false);
        }
    }

    private void OnJob(StoreEvent e)
    {
        lock (_lock)
        {
            if (e.Type == StoreEventType.Deleted)
            {
                _selectors.Remove(e.Object.Key);
            }
            else
            {
                _selectors[e.Object.Key] = ReplicaSetController.SelectorOf(WatchedObjects.Read<Job>(e.Object)?.Spec?.Selector);
            }
        }

        if (e.Type == StoreEventType.Deleted)
        {
            ReleasePods(e.Object.Uid);
        }

        Queue.Add(e.Object.Key);
    }

    private void OnPod(StoreEvent e)
    {
        var (before, after) = _pods.Apply(e);
        if (after is { HasJobTrackingFinalizer: true } && !HasLiveJob(after))
        {
            // No job will count it, and the finalizer would hold it forever (kube's syncOrphanPod).
            RemoveTrackingFinalizer(after);
            return;
        }

        foreach (var pod in new[] { before, after })
        {
            if (pod is { ControllerKind: "Job", ControllerName: { } name })
            {
                Queue.Add(new ObjectKey(pod.Key.Namespace, name));
            }
        }

        if (after is { ControllerUid: null, Terminating: false })
        {
            List<ObjectKey> matching;
            lock (_lock)
            {
                matching = [.. _selectors.Where(s => s.Key.Namespace == after.Key.Namespace && s.Value.Matches(after.Labels)).Select(s => s.Key)];
            }

            foreach (var job in matching)
            {
                Queue.Add(job);
            }
        }
    }
}
