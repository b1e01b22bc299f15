using System.Globalization;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers.GarbageCollection;
using Keelson.Simulator.Controllers.ReplicaSets;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Deployments;

/// <summary>
/// One pass of the deployment controller over one deployment, as kube's <c>syncDeployment</c>:
/// claim replica sets, then either only report status (deleting), scale (paused, or a scaling
/// event), or move the rollout on through the deployment's strategy. Holds the pass's state:
/// the deployment as last written and its replica sets. Writes carry the resource version
/// read, so a pass that raced another writer fails with a conflict and simply runs again.
/// </summary>
internal sealed class DeploymentSync
{
    private static readonly Dictionary<string, IRolloutStrategy> Strategies = new(StringComparer.Ordinal)
    {
        ["RollingUpdate"] = new RollingUpdateRollout(),
        ["Recreate"] = new RecreateRollout(),
    };

    private readonly SimulationContext _cluster;
    private readonly string _manager;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly ObjectKey _key;
    private readonly string _uid;
    private readonly bool _terminating;
    private List<ReplicaSet> _replicaSets = [];

    /// <summary>Prepares a pass.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="manager">The controller's name: field manager and event source.</param>
    /// <param name="queue">The controller's queue, to look again later.</param>
    /// <param name="stored">The deployment as stored.</param>
    public DeploymentSync(SimulationContext cluster, string manager, WorkQueue<ObjectKey> queue, StoredObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        _cluster = cluster;
        _manager = manager;
        _queue = queue;
        _key = stored.Key;
        _uid = stored.Uid;
        _terminating = stored.Terminating;
        Deployment = TypedObjects.Read<Deployment>(stored);
        ApplyDefaults(Deployment);
    }

    /// <summary>The deployment as last read or written in this pass (spec defaulted as kube-apiserver would).</summary>
    public Deployment Deployment { get; private set; }

    /// <summary><c>spec.replicas</c>.</summary>
    public int DesiredReplicas => Deployment.Spec!.Replicas!.Value;

    /// <summary>Pods allowed above <see cref="DesiredReplicas"/> during a rolling update (0 for Recreate).</summary>
    public int MaxSurge => IsRollingUpdate ? Fenceposts().Surge : 0;

    /// <summary>Pods allowed to be unavailable during a rolling update (0 for Recreate), at most <see cref="DesiredReplicas"/>.</summary>
    public int MaxUnavailable => !IsRollingUpdate || DesiredReplicas == 0 ? 0 : Math.Min(Fenceposts().Unavailable, DesiredReplicas);

    private bool IsRollingUpdate => Deployment.Spec!.Strategy!.Type == "RollingUpdate";

    private int? ProgressDeadlineSeconds => Deployment.Spec!.ProgressDeadlineSeconds is { } s && s != int.MaxValue ? s : null;

    /// <summary><c>spec.replicas</c> of a replica set (1 when unset, as kube defaults it).</summary>
    public static int Replicas(ReplicaSet rs) => rs?.Spec?.Replicas ?? 1;

    /// <summary>Sorts replica sets oldest first (then by name), kube's <c>ReplicaSetsByCreationTimestamp</c>.</summary>
    public static void SortByCreation(List<ReplicaSet> replicaSets) => replicaSets?.Sort(CompareCreation);

    /// <summary>Runs the pass over the deployment's candidate replica sets (its own and orphans in its namespace).</summary>
    public void Run(IReadOnlyList<(ReplicaSet ReplicaSet, StoredObject Stored)> candidates)
    {
        if (Deployment.Spec!.Selector is null || Deployment.Spec.Template is null)
        {
            return; // kube-apiserver refuses such a deployment; there is nothing to roll out
        }

        var selector = ReplicaSetController.SelectorOf(Deployment.Spec.Selector);
        if (selector.IsEverything)
        {
            Record("Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
            if ((Deployment.Status?.ObservedGeneration ?? 0) < Deployment.Metadata.Generation)
            {
                (Deployment.Status ??= new DeploymentStatus()).ObservedGeneration = Deployment.Metadata.Generation;
                WriteDeployment();
            }

            return;
        }

        _replicaSets = Claim(candidates, selector);
        if (_terminating)
        {
            var (newRS, oldRSs) = AllReplicaSetsWithRevision(createIfMissing: false);
            SyncStatus([.. oldRSs.Append(newRS).OfType<ReplicaSet>()], newRS);
            return;
        }

        CheckPausedConditions();
        if (Deployment.Spec.Paused == true || IsScalingEvent())
        {
            Sync();
            return;
        }

        var type = Deployment.Spec.Strategy!.Type ?? "";
        var strategy = Strategies.GetValueOrDefault(type) ?? throw new InvalidOperationException(
            $"deployment {_key} has strategy type \"{type}\"; the deployment controller knows RollingUpdate and Recreate");
        strategy.Rollout(this);
    }

    /// <summary>
    /// The deployment's new replica set (the one whose template is the deployment's; created
    /// when missing and asked to) and the old ones, with revision annotations brought up to date.
    /// </summary>
    public (ReplicaSet? New, List<ReplicaSet> Old) AllReplicaSetsWithRevision(bool createIfMissing)
    {
        var existing = FindNew();
        var old = _replicaSets.Where(rs => rs.Metadata.Uid != existing?.Metadata.Uid).ToList();
        return (NewReplicaSet(existing, old, createIfMissing), old);
    }

    /// <summary>
    /// Scales a replica set (and refreshes its desired/max replicas annotations), recording
    /// <c>ScalingReplicaSet</c> when its size changed. Returns whether it was scaled and its current state.
    /// </summary>
    public (bool Scaled, ReplicaSet Updated) ScaleAndRecord(ReplicaSet rs, int scale)
    {
        ArgumentNullException.ThrowIfNull(rs);
        return Replicas(rs) == scale ? (false, rs) : Scale(rs, scale, Replicas(rs) < scale ? "up" : "down");
    }

    /// <summary>The size the new replica set may grow to now (kube's <c>NewRSNewReplicas</c>).</summary>
    public int NewReplicaSetReplicas(IEnumerable<ReplicaSet> allRSs, ReplicaSet newRS)
    {
        if (!IsRollingUpdate)
        {
            return DesiredReplicas;
        }

        var current = allRSs.Sum(Replicas);
        var maxTotal = DesiredReplicas + MaxSurge;
        return current >= maxTotal ? Replicas(newRS) : Replicas(newRS) + Math.Min(maxTotal - current, DesiredReplicas - Replicas(newRS));
    }

    /// <summary>Whether every desired replica is updated and available and no old pod is left (kube's <c>DeploymentComplete</c>).</summary>
    public bool Complete(DeploymentStatus? status) =>
        (status?.UpdatedReplicas ?? 0) == DesiredReplicas && (status?.Replicas ?? 0) == DesiredReplicas &&
        (status?.AvailableReplicas ?? 0) == DesiredReplicas && (status?.ObservedGeneration ?? 0) >= (Deployment.Metadata.Generation ?? 0);

    /// <summary>Deletes the oldest empty old replica sets beyond <c>revisionHistoryLimit</c>.</summary>
    public void CleanUp(List<ReplicaSet> oldRSs)
    {
        ArgumentNullException.ThrowIfNull(oldRSs);
        if (Deployment.Spec!.RevisionHistoryLimit is not { } limit || limit == int.MaxValue)
        {
            return;
        }

        var cleanable = oldRSs.Where(rs => rs.Metadata.DeletionTimestamp is null).ToList();
        var surplus = cleanable.Count - limit;
        if (surplus <= 0)
        {
            return;
        }

        cleanable.Sort((a, b) => Revision(a) != Revision(b) ? Revision(a).CompareTo(Revision(b)) : CompareCreation(a, b));
        foreach (var rs in cleanable.Take(surplus))
        {
            if ((rs.Status?.Replicas ?? 0) != 0 || Replicas(rs) != 0 || rs.Metadata.Generation > (rs.Status?.ObservedGeneration ?? 0))
            {
                continue;
            }

            try
            {
                _cluster.Registry.Delete(_cluster.Kinds.ReplicaSet, rs.Metadata.Namespace, rs.Metadata.Name!, new Registry.DeleteOptions());
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Whether pods of old replica sets still run or stop (what Recreate waits for).</summary>
    public bool OldPodsRunning(ReplicaSet? newRS, IReadOnlyList<ReplicaSet> oldRSs)
    {
        ArgumentNullException.ThrowIfNull(oldRSs);
        if (oldRSs.Sum(rs => rs.Status?.Replicas ?? 0) > 0)
        {
            return true;
        }

        var oldUids = oldRSs.Select(rs => rs.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        var selector = ReplicaSetController.SelectorOf(Deployment.Spec!.Selector);
        var pods = _cluster.Store.Table(_cluster.Kinds.Pod).List(_key.Namespace, p => selector.Matches(p.Labels)).Items;
        return pods.Select(p => PodSummary.From(p, _cluster.Store.Strings)).Any(p =>
            p.ControllerUid is { } uid && uid != newRS?.Metadata.Uid && oldUids.Contains(uid) && p.Phase is not ("Succeeded" or "Failed"));
    }

    /// <summary>Brings the status up to date during a rollout, judging progress against the deadline (kube's <c>syncRolloutStatus</c>).</summary>
    public void SyncRolloutStatus(List<ReplicaSet> allRSs, ReplicaSet? newRS)
    {
        ArgumentNullException.ThrowIfNull(allRSs);
        var status = CalculateStatus(allRSs, newRS);
        if (ProgressDeadlineSeconds is null)
        {
            status.Conditions?.RemoveAll(c => c.Type == "Progressing");
        }

        var current = Condition(Deployment.Status, "Progressing");
        var complete = status.Replicas == status.UpdatedReplicas && current?.Reason == "NewReplicaSetAvailable";
        if (ProgressDeadlineSeconds is not null && !complete)
        {
            var name = newRS is null ? $"Deployment \"{Deployment.Metadata.Name}\"" : $"ReplicaSet \"{newRS.Metadata.Name}\"";
            if (Complete(status))
            {
                SetCondition(status, NewCondition("Progressing", "True", "NewReplicaSetAvailable", $"{name} has successfully progressed."));
            }
            else if (Progressed(status))
            {
                // Progress refreshes lastUpdateTime even when the reason stays: that is what the deadline counts from.
                var condition = NewCondition("Progressing", "True", "ReplicaSetUpdated", $"{name} is progressing.");
                if (current is { Status: "True" })
                {
                    condition.LastTransitionTime = current.LastTransitionTime;
                }

                status.Conditions?.RemoveAll(c => c.Type == "Progressing");
                SetCondition(status, condition);
            }
            else if (TimedOut(status))
            {
                SetCondition(status, NewCondition("Progressing", "False", "ProgressDeadlineExceeded", $"{name} has timed out progressing."));
            }
        }

        var failure = ReplicaFailure(allRSs, newRS);
        if (failure is not null)
        {
            SetCondition(status, failure);
        }
        else
        {
            status.Conditions?.RemoveAll(c => c.Type == "ReplicaFailure");
        }

        if (SameStatus(status))
        {
            RequeueIfStuck(status);
            return;
        }

        Deployment.Status = Tidy(status);
        WriteDeployment();
    }

    private void Sync()
    {
        var (newRS, oldRSs) = AllReplicaSetsWithRevision(createIfMissing: false);
        ScaleProportionally(newRS, oldRSs);
        if (Deployment.Spec!.Paused == true)
        {
            CleanUp(oldRSs);
        }

        SyncStatus([.. oldRSs.Append(newRS).OfType<ReplicaSet>()], newRS);
    }

    /// <summary>
    /// Scales replica sets when the deployment was scaled: the only active one takes the new
    /// size; during a rolling update the difference is spread over the active ones in
    /// proportion to their size (kube's proportional scaling).
    /// </summary>
    private void ScaleProportionally(ReplicaSet? newRS, List<ReplicaSet> oldRSs)
    {
        if (ActiveOrLatest(newRS, oldRSs) is { } only)
        {
            if (Replicas(only) != DesiredReplicas)
            {
                ScaleAndRecord(only, DesiredReplicas);
            }

            return;
        }

        if (Saturated(newRS))
        {
            foreach (var old in oldRSs.Where(r => Replicas(r) > 0))
            {
                ScaleAndRecord(old, 0);
            }

            return;
        }

        if (!IsRollingUpdate)
        {
            return;
        }

        var active = oldRSs.Append(newRS).OfType<ReplicaSet>().Where(r => Replicas(r) > 0).ToList();
        var allowed = DesiredReplicas > 0 ? DesiredReplicas + MaxSurge : 0;
        var toAdd = allowed - active.Sum(Replicas);
        var operation = "";
        if (toAdd > 0)
        {
            active.Sort((a, b) => Replicas(a) != Replicas(b) ? Replicas(b).CompareTo(Replicas(a)) : CompareCreation(b, a));
            operation = "up";
        }
        else if (toAdd < 0)
        {
            active.Sort((a, b) => Replicas(a) != Replicas(b) ? Replicas(b).CompareTo(Replicas(a)) : CompareCreation(a, b));
            operation = "down";
        }

        var added = 0;
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rs in active)
        {
            var proportion = toAdd == 0 ? 0 : Proportion(rs, toAdd, added);
            sizes[rs.Metadata.Name!] = Replicas(rs) + proportion;
            added += proportion;
        }

        for (var i = 0; i < active.Count; i++)
        {
            var name = active[i].Metadata.Name!;
            if (i == 0 && toAdd != 0)
            {
                // Leftovers go to the largest replica set.
                sizes[name] = Math.Max(0, sizes[name] + toAdd - added);
            }

            Scale(active[i], sizes[name], operation);
        }
    }

    private int Proportion(ReplicaSet rs, int toAdd, int added)
    {
        if (Replicas(rs) == 0 || toAdd == added)
        {
            return 0;
        }

        int fraction;
        if (DesiredReplicas == 0)
        {
            fraction = -Replicas(rs);
        }
        else
        {
            var annotated = IntAnnotation(rs, DeploymentAnnotations.MaxReplicas) ?? Deployment.Status?.Replicas ?? 0;
            fraction = annotated == 0
                ? 0
                : (int)Math.Round((double)Replicas(rs) * (DesiredReplicas + MaxSurge) / annotated, MidpointRounding.AwayFromZero) - Replicas(rs);
        }

        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    private (bool Scaled, ReplicaSet Updated) Scale(ReplicaSet rs, int scale, string operation)
    {
        var resize = Replicas(rs) != scale;
        if (!resize && !ReplicasAnnotationsNeedUpdate(rs))
        {
            return (false, rs);
        }

        var from = Replicas(rs);
        var copy = Clone(rs);
        copy.Spec!.Replicas = scale;
        SetReplicasAnnotations(copy);
        var updated = WriteReplicaSet(copy);
        if (resize)
        {
            Record("Normal", "ScalingReplicaSet", $"Scaled {operation} replica set {updated.Metadata.Name} to {scale} from {from}");
        }

        return (resize, updated);
    }

    private ReplicaSet? NewReplicaSet(ReplicaSet? existing, List<ReplicaSet> old, bool createIfMissing)
    {
        var newRevision = (old.Count == 0 ? 0 : old.Max(MaxRevisionOf)) + 1;
        if (existing is not null)
        {
            var copy = Clone(existing);
            var annotationsChanged = SetNewReplicaSetAnnotations(copy, newRevision, exists: true);
            if (annotationsChanged || (copy.Spec!.MinReadySeconds ?? 0) != (Deployment.Spec!.MinReadySeconds ?? 0))
            {
                copy.Spec!.MinReadySeconds = Deployment.Spec!.MinReadySeconds;
                return WriteReplicaSet(copy);
            }

            var changed = SetRevision(copy.Metadata.Annotation(DeploymentAnnotations.Revision) ?? "");
            if (ProgressDeadlineSeconds is not null && Condition(Deployment.Status, "Progressing") is null)
            {
                SetCondition(Deployment.Status ??= new DeploymentStatus(), NewCondition("Progressing", "True", "FoundNewReplicaSet", $"Found new replica set \"{copy.Metadata.Name}\""));
                changed = true;
            }

            if (changed)
            {
                WriteDeployment();
            }

            return copy;
        }

        return createIfMissing ? CreateNewReplicaSet(old, newRevision) : null;
    }

    private ReplicaSet CreateNewReplicaSet(List<ReplicaSet> old, long newRevision)
    {
        var template = Clone(Deployment.Spec!.Template!);
        var hash = PodTemplateHash.Compute(template, Deployment.Status?.CollisionCount);
        template.Metadata ??= new ObjectMeta();
        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? [], StringComparer.Ordinal) { [PodTemplateHash.Label] = hash };
        var selector = Clone(Deployment.Spec.Selector!);
        selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? [], StringComparer.Ordinal) { [PodTemplateHash.Label] = hash };
        var rs = new ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new ObjectMeta
            {
                Name = $"{Deployment.Metadata.Name}-{hash}",
                Namespace = _key.Namespace,
                Labels = new Dictionary<string, string>(template.Metadata.Labels, StringComparer.Ordinal),
                OwnerReferences = [PodTemplates.ControllerReference(Deployment, "apps/v1", "Deployment")],
            },
            Spec = new ReplicaSetSpec { Replicas = 0, MinReadySeconds = Deployment.Spec.MinReadySeconds, Selector = selector, Template = template },
        };
        var replicas = NewReplicaSetReplicas(old.Append(rs), rs);
        rs.Spec.Replicas = replicas;
        SetNewReplicaSetAnnotations(rs, newRevision, exists: false);

        ReplicaSet created;
        var alreadyExisted = false;
        try
        {
            var stored = _cluster.Registry.Create(_cluster.Kinds.ReplicaSet, _key.Namespace, TypedObjects.ToJson(rs), WriteContext.For(_manager));
            created = TypedObjects.Read<ReplicaSet>(stored);
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            var stored = _cluster.Registry.Get(_cluster.Kinds.ReplicaSet, _key.Namespace, rs.Metadata.Name!);
            if (stored is null)
            {
                throw; // deleted meanwhile: the next pass creates it
            }

            created = TypedObjects.Read<ReplicaSet>(stored);
            var owner = created.Metadata.OwnerReferences?.Find(o => o.Controller == true);
            if (owner?.Uid != _uid || !PodTemplateHash.EqualIgnoringHash(Deployment.Spec.Template, created.Spec?.Template))
            {
                // Another template already took this name: count a collision so the next pass hashes differently.
                var status = Deployment.Status ??= new DeploymentStatus();
                status.CollisionCount = (status.CollisionCount ?? 0) + 1;
                WriteDeployment();
                throw;
            }

            alreadyExisted = true;
        }
        catch (ApiException e) when (!NamespaceTerminating())
        {
            var message = $"Failed to create new replica set \"{rs.Metadata.Name}\": {e.Message}";
            if (ProgressDeadlineSeconds is not null)
            {
                SetCondition(Deployment.Status ??= new DeploymentStatus(), NewCondition("Progressing", "False", "ReplicaSetCreateError", message));
                TryWriteDeployment();
            }

            Record("Warning", "ReplicaSetCreateError", message);
            throw;
        }

        _replicaSets.Add(created);
        if (!alreadyExisted && replicas > 0)
        {
            Record("Normal", "ScalingReplicaSet", $"Scaled up replica set {created.Metadata.Name} to {replicas}");
        }

        var changed = SetRevision(newRevision.ToString(CultureInfo.InvariantCulture));
        if (!alreadyExisted && ProgressDeadlineSeconds is not null)
        {
            SetCondition(Deployment.Status ??= new DeploymentStatus(), NewCondition("Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{created.Metadata.Name}\""));
            changed = true;
        }

        if (changed)
        {
            WriteDeployment();
        }

        return created;
    }

    /// <summary>
    /// Copies the deployment's annotations to the new replica set, raises its revision to
    /// <paramref name="newRevision"/> (remembering the one it had: a rollback), and on creation sets its replicas annotations.
    /// </summary>
    private bool SetNewReplicaSetAnnotations(ReplicaSet rs, long newRevision, bool exists)
    {
        var annotations = rs.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var (key, value) in Deployment.Metadata.Annotations ?? [])
        {
            if (!DeploymentAnnotations.NotCopied.Contains(key) && annotations.GetValueOrDefault(key) != value)
            {
                annotations[key] = value;
                changed = true;
            }
        }

        var had = annotations.TryGetValue(DeploymentAnnotations.Revision, out var oldText);
        long oldRevision = 0;
        if (!string.IsNullOrEmpty(oldText) && !long.TryParse(oldText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out oldRevision))
        {
            return false;
        }

        if (oldRevision < newRevision)
        {
            annotations[DeploymentAnnotations.Revision] = newRevision.ToString(CultureInfo.InvariantCulture);
            changed = true;
            if (had)
            {
                AppendRevisionHistory(annotations, oldText ?? "");
            }
        }

        if (!exists)
        {
            changed |= SetReplicasAnnotations(rs);
        }

        return changed;
    }

    private static void AppendRevisionHistory(Dictionary<string, string> annotations, string oldRevision)
    {
        var history = annotations.GetValueOrDefault(DeploymentAnnotations.RevisionHistory) ?? "";
        if (history.Length == 0)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = oldRevision;
            return;
        }

        // Oldest revisions drop out first once the list would pass 2000 characters.
        var revisions = history.Split(',').ToList();
        var length = history.Length + oldRevision.Length + 1;
        var start = 0;
        while (length > DeploymentAnnotations.RevisionHistoryLimitInChars && start < revisions.Count)
        {
            length -= revisions[start].Length + 1;
            start++;
        }

        if (length <= DeploymentAnnotations.RevisionHistoryLimitInChars)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = string.Join(',', revisions.Skip(start).Append(oldRevision));
        }
    }

    private bool SetReplicasAnnotations(ReplicaSet rs)
    {
        var annotations = rs.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var desired = DesiredReplicas.ToString(CultureInfo.InvariantCulture);
        var max = (DesiredReplicas + MaxSurge).ToString(CultureInfo.InvariantCulture);
        var changed = annotations.GetValueOrDefault(DeploymentAnnotations.DesiredReplicas) != desired ||
                      annotations.GetValueOrDefault(DeploymentAnnotations.MaxReplicas) != max;
        annotations[DeploymentAnnotations.DesiredReplicas] = desired;
        annotations[DeploymentAnnotations.MaxReplicas] = max;
        return changed;
    }

    private bool ReplicasAnnotationsNeedUpdate(ReplicaSet rs) =>
        rs.Metadata.Annotation(DeploymentAnnotations.DesiredReplicas) != DesiredReplicas.ToString(CultureInfo.InvariantCulture) ||
        rs.Metadata.Annotation(DeploymentAnnotations.MaxReplicas) != (DesiredReplicas + MaxSurge).ToString(CultureInfo.InvariantCulture);

    private bool SetRevision(string revision)
    {
        var annotations = Deployment.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (annotations.GetValueOrDefault(DeploymentAnnotations.Revision) == revision)
        {
            return false;
        }

        annotations[DeploymentAnnotations.Revision] = revision;
        return true;
    }

    private void CheckPausedConditions()
    {
        if (ProgressDeadlineSeconds is null)
        {
            return;
        }

        var condition = Condition(Deployment.Status, "Progressing");
        if (condition?.Reason == "ProgressDeadlineExceeded")
        {
            return; // a reported failure is not overwritten by pausing
        }

        var pausedReported = condition?.Reason == "DeploymentPaused";
        var paused = Deployment.Spec!.Paused == true;
        if (paused == pausedReported)
        {
            return;
        }

        SetCondition(
            Deployment.Status ??= new DeploymentStatus(),
            paused
                ? NewCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused")
                : NewCondition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed"));
        WriteDeployment();
    }

    /// <summary>Whether the deployment was scaled: an active replica set was sized for a different replica count.</summary>
    private bool IsScalingEvent()
    {
        var (newRS, oldRSs) = AllReplicaSetsWithRevision(createIfMissing: false);
        return oldRSs.Append(newRS).OfType<ReplicaSet>().Where(rs => Replicas(rs) > 0)
            .Any(rs => IntAnnotation(rs, DeploymentAnnotations.DesiredReplicas) is { } desired && desired != DesiredReplicas);
    }

    private void SyncStatus(List<ReplicaSet> allRSs, ReplicaSet? newRS)
    {
        var status = CalculateStatus(allRSs, newRS);
        if (!SameStatus(status))
        {
            Deployment.Status = Tidy(status);
            WriteDeployment();
        }
    }

    private DeploymentStatus CalculateStatus(List<ReplicaSet> allRSs, ReplicaSet? newRS)
    {
        var available = allRSs.Sum(rs => rs.Status?.AvailableReplicas ?? 0);
        var status = new DeploymentStatus
        {
            ObservedGeneration = Deployment.Metadata.Generation,
            Replicas = allRSs.Sum(rs => rs.Status?.Replicas ?? 0),
            UpdatedReplicas = newRS?.Status?.Replicas ?? 0,
            ReadyReplicas = allRSs.Sum(rs => rs.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, allRSs.Sum(Replicas) - available),
            CollisionCount = Deployment.Status?.CollisionCount,
            Conditions = [.. (Deployment.Status?.Conditions ?? []).Select(Clone)],
        };
        SetCondition(status, available >= DesiredReplicas - MaxUnavailable
            ? NewCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
            : NewCondition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
        return status;
    }

    /// <summary>Whether pods were added, became ready or available, or old ones went away since the last status.</summary>
    private bool Progressed(DeploymentStatus status)
    {
        var old = Deployment.Status;
        var oldOld = (old?.Replicas ?? 0) - (old?.UpdatedReplicas ?? 0);
        var newOld = (status.Replicas ?? 0) - (status.UpdatedReplicas ?? 0);
        return (status.UpdatedReplicas ?? 0) > (old?.UpdatedReplicas ?? 0) || newOld < oldOld ||
               (status.ReadyReplicas ?? 0) > (old?.ReadyReplicas ?? 0) || (status.AvailableReplicas ?? 0) > (old?.AvailableReplicas ?? 0);
    }

    private bool TimedOut(DeploymentStatus status)
    {
        var condition = Condition(status, "Progressing");
        return condition?.Reason switch
        {
            null or "NewReplicaSetAvailable" => false,
            "ProgressDeadlineExceeded" => true,
            _ => condition.LastUpdateTime is { } from && from.AddSeconds(ProgressDeadlineSeconds!.Value) < _cluster.Time.GetUtcNow(),
        };
    }

    /// <summary>Looks again when the progress deadline passes, since nothing else would wake the controller then.</summary>
    private void RequeueIfStuck(DeploymentStatus status)
    {
        var condition = Condition(Deployment.Status, "Progressing");
        if (ProgressDeadlineSeconds is not { } deadline || condition?.LastUpdateTime is not { } updated ||
            Complete(status) || condition.Reason == "ProgressDeadlineExceeded")
        {
            return;
        }

        // kube adds a second for clock skew; the simulator's clock is one, so a moment after the deadline is enough.
        var after = updated.AddSeconds(deadline) - _cluster.Time.GetUtcNow();
        _queue.AddAfter(_key, (after > TimeSpan.Zero ? after : TimeSpan.Zero) + TimeSpan.FromMilliseconds(50));
    }

    private static DeploymentCondition? ReplicaFailure(List<ReplicaSet> allRSs, ReplicaSet? newRS)
    {
        var failure = newRS?.Status?.Conditions?.Find(c => c.Type == "ReplicaFailure") ??
                      allRSs.SelectMany(rs => rs.Status?.Conditions ?? []).FirstOrDefault(c => c.Type == "ReplicaFailure");
        return failure is null
            ? null
            : new DeploymentCondition
            {
                Type = failure.Type,
                Status = failure.Status,
                Reason = failure.Reason,
                Message = failure.Message,
                LastTransitionTime = failure.LastTransitionTime,
                LastUpdateTime = failure.LastTransitionTime,
            };
    }

    /// <summary>The only active replica set, or the newest when none is active; null when several are active.</summary>
    private static ReplicaSet? ActiveOrLatest(ReplicaSet? newRS, List<ReplicaSet> oldRSs)
    {
        if (newRS is null && oldRSs.Count == 0)
        {
            return null;
        }

        var newestFirst = oldRSs.ToList();
        newestFirst.Sort((a, b) => CompareCreation(b, a));
        var active = newestFirst.Append(newRS).OfType<ReplicaSet>().Where(rs => Replicas(rs) > 0).ToList();
        return active.Count switch
        {
            0 => newRS ?? newestFirst[0],
            1 => active[0],
            _ => null,
        };
    }

    private bool Saturated(ReplicaSet? rs) =>
        rs is not null && Replicas(rs) == DesiredReplicas && IntAnnotation(rs, DeploymentAnnotations.DesiredReplicas) == DesiredReplicas &&
        (rs.Status?.AvailableReplicas ?? 0) == DesiredReplicas;

    /// <summary>The oldest replica set whose template is the deployment's.</summary>
    private ReplicaSet? FindNew()
    {
        var ordered = _replicaSets.ToList();
        SortByCreation(ordered);
        return ordered.Find(rs => PodTemplateHash.EqualIgnoringHash(rs.Spec?.Template, Deployment.Spec!.Template));
    }

    /// <summary>Its own replica sets that still match, plus orphans it adopts; it releases those it no longer selects.</summary>
    private List<ReplicaSet> Claim(IReadOnlyList<(ReplicaSet ReplicaSet, StoredObject Stored)> candidates, LabelMatcher selector)
    {
        var claimed = new List<ReplicaSet>();
        var owner = PodTemplates.ControllerReference(Deployment, "apps/v1", "Deployment");
        foreach (var (rs, stored) in candidates)
        {
            var controller = rs.Metadata.OwnerReferences?.Find(o => o.Controller == true);
            var matches = selector.Matches(stored.Labels);
            if (controller?.Uid == _uid)
            {
                if (matches)
                {
                    claimed.Add(rs);
                }
                else if (!stored.Terminating && !_terminating)
                {
                    OwnerReferences.Remove(_cluster.Registry, _cluster.Kinds.ReplicaSet, stored.Key, stored.Uid, [_uid], _manager);
                }
            }
            else if (controller is null && matches && !stored.Terminating && !_terminating &&
                     OwnerReferences.Adopt(_cluster.Registry, _cluster.Kinds.ReplicaSet, stored.Key, stored.Uid, owner, _manager) is { } adopted)
            {
                claimed.Add(TypedObjects.Read<ReplicaSet>(adopted));
            }
        }

        return claimed;
    }

    /// <summary>Writes the pass's status and annotations onto the deployment, if nobody wrote it meanwhile.</summary>
    private void WriteDeployment()
    {
        var expected = Deployment.Metadata.ResourceVersion;
        var written = _cluster.Registry.Mutate<Deployment>(_cluster.Kinds.Deployment, _key.Namespace, _key.Name, _manager, current =>
        {
            if (current.Metadata.ResourceVersion != expected)
            {
                throw ApiException.Conflict(_cluster.Kinds.Deployment, _key.Name);
            }

            current.Metadata.Annotations = Deployment.Metadata.Annotations;
            current.Status = Deployment.Status;
            return true;
        }) ?? throw ApiException.NotFound(_cluster.Kinds.Deployment, _key.Name);
        ApplyDefaults(written);
        Deployment = written;
    }

    private void TryWriteDeployment()
    {
        try
        {
            WriteDeployment();
        }
        catch (ApiException)
        {
            // The failure being reported matters more; the next pass writes the status again.
        }
    }

    /// <summary>Writes a replica set's spec and annotations, if nobody wrote it meanwhile; returns it as stored.</summary>
    private ReplicaSet WriteReplicaSet(ReplicaSet rs)
    {
        var expected = rs.Metadata.ResourceVersion;
        var written = _cluster.Registry.Mutate<ReplicaSet>(_cluster.Kinds.ReplicaSet, rs.Metadata.Namespace, rs.Metadata.Name!, _manager, current =>
        {
            if (current.Metadata.ResourceVersion != expected)
            {
                throw ApiException.Conflict(_cluster.Kinds.ReplicaSet, rs.Metadata.Name!);
            }

            current.Metadata.Annotations = rs.Metadata.Annotations;
            current.Spec = rs.Spec;
            return true;
        }) ?? throw ApiException.NotFound(_cluster.Kinds.ReplicaSet, rs.Metadata.Name!);
        var index = _replicaSets.FindIndex(r => r.Metadata.Uid == written.Metadata.Uid);
        if (index >= 0)
        {
            _replicaSets[index] = written;
        }

        return written;
    }

    private void Record(string type, string reason, string message) =>
        _cluster.Events.Record(new InvolvedObject("Deployment", "apps/v1", _key.Namespace, _key.Name, _uid), type, reason, message, _manager);

    private bool NamespaceTerminating() =>
        _cluster.Store.Table(_cluster.Kinds.Namespace).Get(new ObjectKey("", _key.Namespace))?.Terminating == true;

    private bool SameStatus(DeploymentStatus status) =>
        KubernetesJson.Serialize(Tidy(Clone(status))) == KubernetesJson.Serialize(Deployment.Status ?? new DeploymentStatus());

    /// <summary>Drops zero counts, as the API omits them (<c>omitempty</c>).</summary>
    private static DeploymentStatus Tidy(DeploymentStatus status)
    {
        static int? NullIfZero(int? value) => value == 0 ? null : value;
        status.Replicas = NullIfZero(status.Replicas);
        status.UpdatedReplicas = NullIfZero(status.UpdatedReplicas);
        status.ReadyReplicas = NullIfZero(status.ReadyReplicas);
        status.AvailableReplicas = NullIfZero(status.AvailableReplicas);
        status.UnavailableReplicas = NullIfZero(status.UnavailableReplicas);
        status.ObservedGeneration = status.ObservedGeneration == 0 ? null : status.ObservedGeneration;
        status.Conditions = status.Conditions is { Count: > 0 } ? status.Conditions : null;
        return status;
    }

    private DeploymentCondition NewCondition(string type, string status, string reason, string message)
    {
        var now = ApiTime.Now(_cluster.Time);
        return new DeploymentCondition { Type = type, Status = status, Reason = reason, Message = message, LastUpdateTime = now, LastTransitionTime = now };
    }

    /// <summary>Sets a condition unless one of the type already has its status and reason; a transition time survives while the status stays.</summary>
    private static void SetCondition(DeploymentStatus status, DeploymentCondition condition)
    {
        var conditions = status.Conditions ??= [];
        var current = conditions.Find(c => c.Type == condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason)
        {
            return;
        }

        if (current is not null && current.Status == condition.Status)
        {
            condition.LastTransitionTime = current.LastTransitionTime;
        }

        conditions.RemoveAll(c => c.Type == condition.Type);
        conditions.Add(condition);
    }

    private static DeploymentCondition? Condition(DeploymentStatus? status, string type) => status?.Conditions?.Find(c => c.Type == type);

    private (int Surge, int Unavailable) Fenceposts()
    {
        var rolling = Deployment.Spec!.Strategy!.RollingUpdate;
        var surge = (rolling?.MaxSurge ?? 0).ScaledValue(DesiredReplicas, roundUp: true);
        var unavailable = (rolling?.MaxUnavailable ?? 0).ScaledValue(DesiredReplicas, roundUp: false);
        // Both may round to zero; kube then allows one unavailable pod, since surge may be blocked by quota.
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    private static long MaxRevisionOf(ReplicaSet rs) =>
        long.TryParse(rs.Metadata.Annotation(DeploymentAnnotations.Revision) ?? "0", NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private static long Revision(ReplicaSet rs) => MaxRevisionOf(rs);

    private static int? IntAnnotation(ReplicaSet rs, string annotation) =>
        int.TryParse(rs.Metadata.Annotation(annotation), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int CompareCreation(ReplicaSet a, ReplicaSet b)
    {
        var byTime = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
    }

    private static T Clone<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.SerializeToUtf8Bytes(value));

    /// <summary>What kube-apiserver defaults in a deployment's spec, for deployments stored before defaulting existed.</summary>
    private static void ApplyDefaults(Deployment deployment)
    {
        var spec = deployment.Spec ??= new DeploymentSpec();
        spec.Replicas ??= 1;
        spec.RevisionHistoryLimit ??= 10;
        spec.ProgressDeadlineSeconds ??= 600;
        var strategy = spec.Strategy ??= new DeploymentStrategy();
        strategy.Type ??= "RollingUpdate";
        if (strategy.Type == "RollingUpdate")
        {
            var rolling = strategy.RollingUpdate ??= new RollingUpdateDeployment();
            rolling.MaxSurge ??= "25%";
            rolling.MaxUnavailable ??= "25%";
        }
    }
}
