using System.Globalization;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers.ReplicaSets;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Jobs;

/// <summary>
/// One pass of the job controller over one job, as kube 1.30's <c>syncJob</c>: claim pods,
/// count finished ones through <c>status.uncountedTerminatedPods</c> and the pods'
/// <c>batch.kubernetes.io/job-tracking</c> finalizer (uids first, then finalizers removed,
/// then counters — so no pod is counted twice or lost), decide whether the job failed
/// (backoff limit, active deadline) or completed, and create or delete pods towards
/// <c>parallelism</c>. Holds the pass's state: the job as last written and its pods.
/// </summary>
internal sealed class JobSync
{
    /// <summary>Most pods created, deleted or counted in one pass (kube's <c>MaxPodCreateDeletePerSync</c> and <c>MaxUncountedPods</c>).</summary>
    private const int MaxPerPass = 500;

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(6);

    private readonly SimulationContext _cluster;
    private readonly string _manager;
    private readonly JobController _controller;
    private readonly StoredObject _stored;
    private readonly ObjectKey _key;
    private readonly bool _indexed;
    private readonly int _parallelism;
    private readonly int? _completions;
    private readonly Job _job;
    private List<PodSummary> _pods = [];
    private JobCondition? _finished;
    private SortedSet<int> _previousIndexes = [];
    private SortedSet<int> _succeededIndexes = [];
    private ApiException? _failure;

    /// <summary>Prepares a pass.</summary>
    public JobSync(SimulationContext cluster, string manager, JobController controller, StoredObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        _cluster = cluster;
        _manager = manager;
        _controller = controller;
        _stored = stored;
        _key = stored.Key;
        _job = TypedObjects.Read<Job>(stored);
        var spec = _job.Spec ??= new JobSpec();
        // kube-apiserver's defaults, for jobs stored before defaulting existed.
        if (spec.Completions is null && spec.Parallelism is null)
        {
            spec.Completions = 1;
        }

        _parallelism = spec.Parallelism ?? 1;
        _completions = spec.Completions;
        _indexed = spec.CompletionMode == "Indexed";
    }

    private int BackoffLimit => _job.Spec!.BackoffLimit ?? 6;

    /// <summary>Runs the pass.</summary>
    public void Run()
    {
        if (_job.Status?.Conditions?.Any(c => c.Type is "Complete" or "Failed" && c.Status == "True") == true)
        {
            // A finished job counts nothing more: no pod of it may stay held by the finalizer.
            _controller.ReleasePods(_stored.Uid);

            _controller.ForgetBackOff(_key);
            return;
        }

        if (_job.Spec!.Template is null)
        {
            return; // kube-apiserver refuses a job without a template; there is nothing to run
        }

        if (_job.Spec.CompletionMode is { } mode && mode is not ("NonIndexed" or "Indexed"))
        {
            Record("Warning", "UnknownCompletionMode", "Skipped Job sync because completion mode is unknown");
            return;
        }

        if (_job.Spec.Selector is null && _job.Spec.ManualSelector != true && GenerateSelector())
        {
            return; // the write brings the job back with its selector
        }

        var now = _cluster.Time.GetUtcNow();
        var status = _job.Status ??= new JobStatus();
        var uncounted = status.UncountedTerminatedPods ??= new UncountedTerminatedPods();
        var uncountedSucceeded = (uncounted.Succeeded ?? []).ToHashSet(StringComparer.Ordinal);
        var uncountedFailed = (uncounted.Failed ?? []).ToHashSet(StringComparer.Ordinal);

        _pods = _controller.ClaimPods(_stored, _job);
        var activePods = _pods.Where(p => p.Active).ToList();
        var ready = activePods.Count(p => p.Ready);
        var terminating = _pods.Count(p => p.Terminating && p.Phase is not ("Succeeded" or "Failed"));
        var active = activePods.Count;
        var newSucceeded = _pods.Where(p => p.HasJobTrackingFinalizer && !uncountedSucceeded.Contains(p.Uid) && ValidIndex(p) && p.Phase == "Succeeded").ToList();
        var newFailed = _pods.Where(p => p.HasJobTrackingFinalizer && !uncountedFailed.Contains(p.Uid) && ValidIndex(p) && Failed(p)).ToList();
        var succeeded = (status.Succeeded ?? 0) + newSucceeded.Count + uncountedSucceeded.Count;
        var failed = (status.Failed ?? 0) + newFailed.Count + uncountedFailed.Count;
        if (status.StartTime is null && _job.Spec.Suspend != true)
        {
            status.StartTime = ApiTime.Now(_cluster.Time);
        }

        var backOff = _controller.BackOffAfter(_key, newSucceeded, newFailed, now);
        if (failed > BackoffLimit || PastBackoffLimitOnFailure())
        {
            _finished = NewCondition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        }
        else if (_job.Spec.ActiveDeadlineSeconds is { } deadline && status.StartTime is { } started && _job.Spec.Suspend != true)
        {
            var left = started.AddSeconds(deadline) - now;
            if (left <= TimeSpan.Zero)
            {
                _finished = NewCondition("Failed", "DeadlineExceeded", "Job was active longer than specified deadline");
            }
            else
            {
                _controller.LookAgainAfter(_key, left);
            }
        }

        if (_indexed)
        {
            _previousIndexes = CompletionIndexes.Parse(status.CompletedIndexes, _completions!.Value);
            _succeededIndexes = new SortedSet<int>(_previousIndexes);
            _succeededIndexes.UnionWith(_pods.Where(p => p.Phase == "Succeeded" && p.HasJobTrackingFinalizer && ValidIndex(p)).Select(p => p.CompletionIndex));
            succeeded = _succeededIndexes.Count;
        }

        if (_finished is not null)
        {
            // A failed job stops its pods; it is only declared finished once they are all being deleted.
            var (deletedReady, deleted) = DeletePods(activePods, removeFinalizer: false);
            if (deleted != active)
            {
                _finished = null;
            }

            active -= deleted;
            terminating += deleted;
            ready -= deletedReady;
        }
        else
        {
            if (!_stored.Terminating)
            {
                (active, ready, terminating) = Manage(activePods, succeeded, backOff, active, ready, terminating);
            }

            var complete = _completions is null ? succeeded > 0 && active == 0 : succeeded >= _completions && active == 0;
            if (complete)
            {
                _finished = NewCondition("Complete", "", "");
            }
            else if (!_stored.Terminating)
            {
                ReportSuspension(status);
            }
        }

        status.Active = active == 0 ? null : active;
        status.Ready = ready;
        status.Terminating = terminating;
        TrackFinishedPods(uncountedSucceeded, uncountedFailed, backOff);
        if (_failure is not null)
        {
            throw _failure; // retried with back-off, as kube requeues a failed sync
        }
    }

    /// <summary>Creates or deletes pods so that the right number runs; returns the new active, ready and terminating counts.</summary>
    private (int Active, int Ready, int Terminating) Manage(List<PodSummary> activePods, int succeeded, JobBackOff backOff, int active, int ready, int terminating)
    {
        if (_job.Spec!.Suspend == true)
        {
            var (removedReady, removed) = DeletePods(activePods, removeFinalizer: true);
            return (active - removed, ready - removedReady, terminating + removed);
        }

        var wantActive = _completions is null
            ? succeeded > 0 ? active : _parallelism
            : Math.Clamp(_completions.Value - succeeded, 0, _parallelism);
        var toDelete = PodsToRemove(activePods, Math.Max(active - wantActive, 0));
        if (toDelete.Count > 0)
        {
            var (removedReady, removed) = DeletePods([.. toDelete.Take(MaxPerPass)], removeFinalizer: true);
            return (active - removed, ready - removedReady, terminating + removed);
        }

        // With podReplacementPolicy Failed, a pod still terminating is not replaced yet.
        var diff = wantActive - active - (_job.Spec.PodReplacementPolicy == "Failed" ? terminating : 0);
        if (diff <= 0)
        {
            return (active, ready, terminating);
        }

        var wait = backOff.Remaining(_cluster.Timing.JobPodFailureBackOff, MaxBackOff, _cluster.Time.GetUtcNow());
        if (wait > TimeSpan.Zero)
        {
            _controller.LookAgainAfter(_key, wait);
            return (active, ready, terminating);
        }

        diff = Math.Min(diff, MaxPerPass);
        var indexes = _indexed ? PendingIndexes(activePods, diff) : [];
        if (_indexed)
        {
            diff = indexes.Count;
        }

        var owner = PodTemplates.ControllerReference(_job, "batch/v1", "Job");
        var (created, failure) = SlowStart.Run(diff, i => CreatePod(owner, _indexed ? indexes[i] : -1));
        _failure ??= failure;
        return (active + created, ready, terminating);
    }

    private ApiException? CreatePod(OwnerReference owner, int index)
    {
        var template = Clone(_job.Spec!.Template!);
        template.Metadata ??= new ObjectMeta();
        template.Metadata.Finalizers = [.. (template.Metadata.Finalizers ?? []).Where(f => f != PodSummary.JobTrackingFinalizer), PodSummary.JobTrackingFinalizer];
        var generateName = _key.Name + "-";
        if (index >= 0)
        {
            var text = index.ToString(CultureInfo.InvariantCulture);
            foreach (var container in (template.Spec?.InitContainers ?? []).Concat(template.Spec?.Containers ?? []))
            {
                container.Env ??= [];
                if (!container.Env.Any(e => e.Name == "JOB_COMPLETION_INDEX"))
                {
                    container.Env.Add(new EnvVar
                    {
                        Name = "JOB_COMPLETION_INDEX",
                        ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = $"metadata.labels['{PodSummary.CompletionIndexAnnotation}']" } },
                    });
                }
            }

            (template.Metadata.Annotations ??= [])[PodSummary.CompletionIndexAnnotation] = text;
            (template.Metadata.Labels ??= [])[PodSummary.CompletionIndexAnnotation] = text;
            template.Spec ??= new PodSpec();
            template.Spec.Hostname = $"{_key.Name}-{text}";
            generateName = $"{_key.Name}-{text}-";
        }

        try
        {
            var pod = _cluster.Registry.Create(_cluster.Kinds.Pod, _key.Namespace, TypedObjects.ToJson(PodTemplates.NewPod(template, _key.Namespace, generateName, owner)), WriteContext.For(_manager));
            _controller.Record(pod, removed: false);
            Record("Normal", "SuccessfulCreate", $"Created pod: {pod.Key.Name}");
            return null;
        }
        catch (ApiException e)
        {
            if (_cluster.Store.Table(_cluster.Kinds.Namespace).Get(new ObjectKey("", _key.Namespace))?.Terminating == true)
            {
                return null; // as kube: every creation would fail while the namespace goes away
            }

            Record("Warning", "FailedCreate", $"Error creating: {e.Message}");
            return e;
        }
    }

    /// <summary>Deletes pods (first removing the tracking finalizer when asked); returns how many of them were ready and how many were deleted.</summary>
    private (int Ready, int Deleted) DeletePods(List<PodSummary> pods, bool removeFinalizer)
    {
        int ready = 0, deleted = 0;
        foreach (var pod in pods)
        {
            try
            {
                if (removeFinalizer)
                {
                    RemoveFinalizer(pod);
                }

                var outcome = _cluster.Registry.Delete(_cluster.Kinds.Pod, pod.Key.Namespace, pod.Key.Name, new Registry.DeleteOptions());
                _controller.Record(outcome.Object, outcome.Removed);
                Record("Normal", "SuccessfulDelete", $"Deleted pod: {pod.Key.Name}");
                deleted++;
            }
            catch (ApiException e) when (e.Code == 404)
            {
                deleted++;
            }
            catch (ApiException e)
            {
                Record("Warning", "FailedDelete", $"Error deleting: {e.Message}");
                _failure ??= e;
                continue;
            }

            ready += pod.Ready ? 1 : 0;
        }

        return (ready, deleted);
    }

    /// <summary>
    /// Records finished pods: their uids into <c>uncountedTerminatedPods</c>, then their
    /// finalizers removed, then the uids moved into the counters; finally the terminal
    /// condition once nothing is left uncounted (kube's <c>trackJobStatusAndRemoveFinalizers</c>).
    /// </summary>
    private void TrackFinishedPods(HashSet<string> uncountedSucceeded, HashSet<string> uncountedFailed, JobBackOff backOff)
    {
        var status = _job.Status!;
        var uncounted = status.UncountedTerminatedPods!;
        var withFinalizer = _pods.Where(p => p.HasJobTrackingFinalizer).Select(p => p.Uid).ToHashSet(StringComparer.Ordinal);
        MoveCounted(status, withFinalizer);
        var toRelease = new List<PodSummary>();
        var newIndexes = new List<int>();
        var pods = _indexed ? [.. _pods.OrderBy(p => p.CompletionIndex)] : _pods;
        var full = false;
        foreach (var pod in pods.Where(p => p.HasJobTrackingFinalizer))
        {
            var failed = Failed(pod);
            if (!(_stored.Terminating || _finished is not null || pod.Phase == "Succeeded" || failed))
            {
                continue;
            }

            toRelease.Add(pod);
            if (pod.Phase == "Succeeded" && !uncountedFailed.Contains(pod.Uid))
            {
                if (_indexed)
                {
                    if (ValidIndex(pod) && !_previousIndexes.Contains(pod.CompletionIndex))
                    {
                        newIndexes.Add(pod.CompletionIndex);
                    }
                }
                else if (uncountedSucceeded.Add(pod.Uid))
                {
                    (uncounted.Succeeded ??= []).Add(pod.Uid);
                }
            }
            else if ((failed || _finished is not null) && ValidIndex(pod) && uncountedFailed.Add(pod.Uid))
            {
                // Once the job is finished, every pod not succeeded counts as failed.
                (uncounted.Failed ??= []).Add(pod.Uid);
            }

            if (newIndexes.Count + uncountedSucceeded.Count + uncountedFailed.Count >= MaxPerPass)
            {
                full = true; // the status writes below bring the job back for the rest
                break;
            }
        }

        if (_indexed)
        {
            _succeededIndexes.UnionWith(newIndexes);
            status.Succeeded = _succeededIndexes.Count == 0 ? null : _succeededIndexes.Count;
            status.CompletedIndexes = _succeededIndexes.Count == 0 ? null : CompletionIndexes.Format(_succeededIndexes);
        }

        WriteStatus();
        _controller.KeepBackOff(_key, backOff);
        foreach (var pod in toRelease)
        {
            if (RemoveFinalizer(pod))
            {
                withFinalizer.Remove(pod.Uid);
            }
        }

        MoveCounted(status, withFinalizer);
        var finished = !full && _finished is not null && uncounted.Succeeded is not { Count: > 0 } && uncounted.Failed is not { Count: > 0 };
        if (finished)
        {
            SetCondition(status, _finished!);
            if (_finished!.Type == "Complete")
            {
                status.CompletionTime = _finished.LastTransitionTime;
            }
        }

        WriteStatus();
        if (finished)
        {
            if (_finished!.Type == "Complete")
            {
                if (_completions is { } completions && (status.Succeeded ?? 0) > completions)
                {
                    Record("Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
                }

                Record("Normal", "Completed", "Job completed");
            }
            else
            {
                Record("Warning", _finished.Reason!, _finished.Message!);
            }
        }
    }

    /// <summary>Moves uncounted uids whose pods no longer carry the finalizer (or are gone) into the counters.</summary>
    private static void MoveCounted(JobStatus status, HashSet<string> withFinalizer)
    {
        var uncounted = status.UncountedTerminatedPods!;
        var succeeded = (uncounted.Succeeded ?? []).Where(withFinalizer.Contains).ToList();
        status.Succeeded = NullIfZero((status.Succeeded ?? 0) + (uncounted.Succeeded?.Count ?? 0) - succeeded.Count);
        uncounted.Succeeded = succeeded.Count == 0 ? null : succeeded;
        var failed = (uncounted.Failed ?? []).Where(withFinalizer.Contains).ToList();
        status.Failed = NullIfZero((status.Failed ?? 0) + (uncounted.Failed?.Count ?? 0) - failed.Count);
        uncounted.Failed = failed.Count == 0 ? null : failed;
    }

    private bool RemoveFinalizer(PodSummary pod)
    {
        try
        {
            _controller.RemoveTrackingFinalizer(pod);
            return true; // gone counts as released
        }
        catch (ApiException e)
        {
            _failure ??= e;
            return false;
        }
    }

    /// <summary>Writes the pass's status if it changed, and only onto the job as read (a race fails with a conflict and the pass runs again).</summary>
    private void WriteStatus()
    {
        var status = _job.Status!;
        var expected = _job.Metadata.ResourceVersion;
        var json = KubernetesJson.Serialize(status);
        var written = _cluster.Registry.Mutate<Job>(_cluster.Kinds.Job, _key.Namespace, _key.Name, _manager, current =>
        {
            if (current.Metadata.ResourceVersion != expected)
            {
                throw ApiException.Conflict(_cluster.Kinds.Job, _key.Name);
            }

            if (KubernetesJson.Serialize(current.Status ?? new JobStatus()) == json)
            {
                return false;
            }

            current.Status = status;
            return true;
        }) ?? throw ApiException.NotFound(_cluster.Kinds.Job, _key.Name);
        _job.Metadata.ResourceVersion = written.Metadata.ResourceVersion;
    }

    /// <summary>
    /// What kube-apiserver does on create when <c>manualSelector</c> is unset: select pods by
    /// the job's uid and label the template to match. Returns whether it wrote.
    /// </summary>
    private bool GenerateSelector()
    {
        var uid = _job.Metadata.Uid!;
        var written = _cluster.Registry.Mutate<Job>(_cluster.Kinds.Job, _key.Namespace, _key.Name, _manager, job =>
        {
            if (job.Metadata.Uid != uid || job.Spec?.Selector is not null || job.Spec?.ManualSelector == true)
            {
                return false;
            }

            var template = job.Spec!.Template ??= new PodTemplateSpec();
            var labels = (template.Metadata ??= new ObjectMeta()).Labels ??= [];
            labels.TryAdd("batch.kubernetes.io/controller-uid", uid);
            labels.TryAdd("batch.kubernetes.io/job-name", _key.Name);
            labels.TryAdd("controller-uid", uid);
            labels.TryAdd("job-name", _key.Name);
            job.Spec.Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["batch.kubernetes.io/controller-uid"] = uid } };
            if (job.Metadata.Labels is not { Count: > 0 })
            {
                job.Metadata.Labels = new Dictionary<string, string>(labels);
            }

            return true;
        });
        return written is not null;
    }

    /// <summary>Whether a pod counts as failed: Failed, or deleted before it succeeded (podReplacementPolicy TerminatingOrFailed).</summary>
    private bool Failed(PodSummary pod) =>
        pod.Phase == "Failed" || (_job.Spec!.PodReplacementPolicy != "Failed" && pod.Terminating && pod.Phase != "Succeeded");

    private bool ValidIndex(PodSummary pod) => !_indexed || (pod.CompletionIndex >= 0 && pod.CompletionIndex < _completions);

    /// <summary>With <c>restartPolicy: OnFailure</c> failures are container restarts: the job fails once they reach the limit.</summary>
    private bool PastBackoffLimitOnFailure()
    {
        if (_job.Spec!.Template?.Spec?.RestartPolicy != "OnFailure")
        {
            return false;
        }

        var restarts = _pods.Where(p => p.Phase is "Running" or "Pending").Sum(p => p.TotalRestarts);
        return BackoffLimit == 0 ? restarts > 0 : restarts >= BackoffLimit;
    }

    /// <summary>The pods to delete when too many run: for an indexed job, duplicates and pods without a valid index first.</summary>
    private List<PodSummary> PodsToRemove(List<PodSummary> active, int atLeast)
    {
        var remove = new List<PodSummary>();
        var keep = active;
        if (_indexed)
        {
            keep = [];
            foreach (var group in active.GroupBy(p => ValidIndex(p) ? p.CompletionIndex : -1))
            {
                var pods = group.ToList();
                Sort(pods);
                if (group.Key < 0)
                {
                    remove.AddRange(pods);
                }
                else
                {
                    remove.AddRange(pods.Take(pods.Count - 1));
                    keep.Add(pods[^1]);
                }
            }
        }

        if (remove.Count < atLeast)
        {
            Sort(keep);
            remove.AddRange(keep.Take(atLeast - remove.Count));
        }

        return remove;
    }

    /// <summary>The lowest indexes that neither succeeded nor have an active pod.</summary>
    private List<int> PendingIndexes(List<PodSummary> active, int count)
    {
        var taken = active.Where(ValidIndex).Select(p => p.CompletionIndex).ToHashSet();
        var pending = new List<int>(count);
        for (var i = 0; i < _completions!.Value && pending.Count < count; i++)
        {
            if (!_succeededIndexes.Contains(i) && !taken.Contains(i))
            {
                pending.Add(i);
            }
        }

        return pending;
    }

    private void Sort(List<PodSummary> pods) => pods.Sort(new PodDeletionOrder(new Dictionary<string, int>(), _cluster.Time.GetUtcNow()));

    private JobCondition NewCondition(string type, string reason, string message, string status = "True")
    {
        var now = ApiTime.Now(_cluster.Time);
        return new JobCondition { Type = type, Status = status, Reason = reason.Length == 0 ? null : reason, Message = message.Length == 0 ? null : message, LastProbeTime = now, LastTransitionTime = now };
    }

    /// <summary>Reports <c>spec.suspend</c> in the Suspended condition; resuming restarts the active deadline's clock.</summary>
    private void ReportSuspension(JobStatus status)
    {
        if (_job.Spec!.Suspend == true)
        {
            if (SetCondition(status, NewCondition("Suspended", "JobSuspended", "Job suspended")))
            {
                Record("Normal", "Suspended", "Job suspended");
            }
        }
        else if (SetCondition(status, NewCondition("Suspended", "JobResumed", "Job resumed", "False")))
        {
            Record("Normal", "Resumed", "Job resumed");
            status.StartTime = ApiTime.Now(_cluster.Time);
        }
    }

    /// <summary>
    /// Sets a condition unless one of the type already says the same (kube's
    /// <c>ensureJobConditionStatus</c>): a False condition is never added, only turned to.
    /// Returns whether it changed.
    /// </summary>
    private static bool SetCondition(JobStatus status, JobCondition condition)
    {
        var conditions = status.Conditions ??= [];
        var current = conditions.Find(c => c.Type == condition.Type);
        if ((current?.Status == "True") == (condition.Status == "True"))
        {
            return false;
        }

        if (current is null)
        {
            conditions.Add(condition);
            return true;
        }

        current.Status = condition.Status;
        current.LastTransitionTime = condition.LastTransitionTime;
        current.Reason = condition.Reason;
        current.Message = condition.Message;
        return true;
    }

    private void Record(string type, string reason, string message) =>
        _cluster.Events.Record(new InvolvedObject("Job", "batch/v1", _key.Namespace, _key.Name, _stored.Uid), type, reason, message, _manager);

    private static int? NullIfZero(int value) => value == 0 ? null : value;

    private static T Clone<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.SerializeToUtf8Bytes(value));
}
