using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers.History;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.StatefulSets;

/// <summary>
/// One reconcile pass of a StatefulSet, as kube's <c>defaultStatefulSetControl.UpdateStatefulSet</c>:
/// resolve the current and update revisions, create, repair and delete pods within what the pod
/// management policy allows, roll one pod towards the update revision, write status, trim history.
/// </summary>
internal sealed class StatefulSetPass
{
    private const string Component = "statefulset-controller";

    private readonly StatefulSetController _controller;
    private readonly SimulationContext _cluster;
    private readonly StoredObject _stored;
    private readonly StatefulSet _set;
    private readonly JsonObject _json;
    private readonly string _namespace;
    private readonly ControllerReference _owner;
    private readonly StatefulSetSettings _settings;
    private readonly DateTimeOffset _now;

    public StatefulSetPass(StatefulSetController controller, StoredObject stored)
    {
        _controller = controller;
        _cluster = controller.Context;
        _stored = stored;
        _json = ObjectRegistry.Parse(stored);
        _set = TypedObjects.Read<StatefulSet>(stored);
        _namespace = stored.Key.Namespace;
        _owner = new ControllerReference("apps/v1", "StatefulSet", stored.Key.Name, stored.Uid);
        _settings = StatefulSetSettings.Of(_set);
        _now = _cluster.Time.GetUtcNow();
    }

    private string SetName => _stored.Key.Name;

    /// <summary>Runs the pass; returns when to look again if a pod becomes available only with time (minReadySeconds).</summary>
    public TimeSpan? Run()
    {
        var selector = ObjectRegistry.Matcher(_json["spec"]?["selector"] as JsonObject);
        if (selector.MatchesNothing || selector.IsEverything)
        {
            return null; // validation rejects such sets; kube ignores them rather than retrying
        }

        var pods = ClaimPods(selector);
        var revisions = _controller.History.List(_namespace, _owner, selector);
        var (current, update, collisionCount) = ResolveRevisions(revisions);
        var currentTemplate = current.Template;
        var updateTemplate = update.Template;

        var slots = new Slot[_settings.Replicas];
        var condemned = new List<Slot>();
        foreach (var pod in pods)
        {
            var ordinal = StatefulPodName.Ordinal(pod.Name);
            if (ordinal >= _settings.StartOrdinal && ordinal < _settings.StartOrdinal + _settings.Replicas)
            {
                slots[ordinal - _settings.StartOrdinal] = new Slot(ordinal, pod);
            }
            else if (ordinal >= 0)
            {
                condemned.Add(new Slot(ordinal, pod));
            }
        }

        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] ??= new Slot(_settings.StartOrdinal + i, null);
        }

        condemned.Sort((a, b) => b.Ordinal.CompareTo(a.Ordinal));
        var firstUnavailable = slots.FirstOrDefault(s => Unavailable(s.Pod)) ?? Enumerable.Reverse(condemned).FirstOrDefault(s => Unavailable(s.Pod));

        var currentDeletedForUpdate = 0;
        if (!_stored.Terminating)
        {
            currentDeletedForUpdate = Act(slots, condemned, firstUnavailable, current, update, currentTemplate, updateTemplate);
        }

        var status = Status(slots.Concat(condemned), current, update, collisionCount, currentDeletedForUpdate);
        WriteStatus(status);
        TrimHistory(revisions, pods, current, update);
        return Recheck(pods);
    }

    /// <summary>Creates, repairs and deletes pods; returns how many current-revision pods it deleted for the update.</summary>
    private int Act(Slot[] slots, List<Slot> condemned, Slot? firstUnavailable, Revision current, Revision update, JsonObject currentTemplate, JsonObject updateTemplate)
    {
        var monotonic = !_settings.Parallel;
        foreach (var slot in slots)
        {
            if (ProcessReplica(slot, monotonic, current, update, currentTemplate, updateTemplate) && monotonic)
            {
                return 0;
            }
        }

        foreach (var slot in condemned)
        {
            if (ProcessCondemned(slot, firstUnavailable, monotonic) && monotonic)
            {
                return 0;
            }
        }

        if (_settings.OnDelete)
        {
            return 0; // pods move to the update revision only when someone deletes them
        }

        // The pod with the highest ordinal at or above the partition that is not at the update
        // revision is deleted (and recreated at it next time); one at a time, waiting for each.
        for (var i = slots.Length - 1; i >= _settings.Partition; i--)
        {
            var pod = slots[i].Pod;
            if (pod is not null && pod.Label(StatefulPodName.RevisionLabel) != update.Name && !pod.Terminating)
            {
                DeletePod(pod);
                return 1;
            }

            if (Unavailable(pod))
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>kube's <c>processReplica</c>; true when the pass must stop here in monotonic mode.</summary>
    private bool ProcessReplica(Slot slot, bool monotonic, Revision current, Revision update, JsonObject currentTemplate, JsonObject updateTemplate)
    {
        var pod = slot.Pod;
        if (pod is not null && pod.Terminal)
        {
            // A pod that ran to an end (evicted, node lost) is replaced, whatever its exit.
            if (!pod.Terminating)
            {
                DeletePod(pod);
            }

            return true;
        }

        if (pod is null)
        {
            var atCurrent = _settings.RollingUpdate && slot.Ordinal < _settings.StartOrdinal + _settings.Partition;
            CreatePod(slot.Ordinal, atCurrent ? current : update, atCurrent ? currentTemplate : updateTemplate);
            return monotonic;
        }

        if (monotonic && (pod.Terminating || !pod.RunningAndReady || !pod.Available(_settings.MinReadySeconds, _now)))
        {
            return true; // each pod waits for its predecessors to be running, ready and available
        }

        if (!IdentityMatches(pod))
        {
            RepairIdentity(pod, slot.Ordinal);
        }

        return false;
    }

    /// <summary>kube's <c>processCondemned</c>: scale down highest ordinal first, waiting for the healthy.</summary>
    private bool ProcessCondemned(Slot slot, Slot? firstUnavailable, bool monotonic)
    {
        var pod = slot.Pod!;
        if (pod.Terminating)
        {
            return monotonic;
        }

        if (monotonic && slot != firstUnavailable && (!pod.RunningAndReady || !pod.Available(_settings.MinReadySeconds, _now)))
        {
            return true;
        }

        DeletePod(pod);
        return true;
    }

    private (Revision Current, Revision Update, int CollisionCount) ResolveRevisions(List<Revision> revisions)
    {
        var collisionCount = _set.Status?.CollisionCount ?? 0;
        var template = _json["spec"]?["template"] as JsonObject ?? [];
        var data = TemplatePatch(template);
        var bytes = CanonicalJson.Bytes(data);
        var next = revisions.Count == 0 ? 1 : revisions[^1].Number + 1;
        var equal = revisions.Where(r => r.Holds(bytes)).ToList();

        Revision update;
        if (equal.Count > 0 && revisions[^1].Holds(bytes))
        {
            update = revisions[^1];
        }
        else if (equal.Count > 0)
        {
            update = _controller.History.Renumber(_namespace, equal[^1], next); // a roll-back: the old template is the newest again
        }
        else
        {
            update = CreateRevision(template, data, bytes, next, ref collisionCount);
        }

        var current = revisions.FirstOrDefault(r => r.Name == _set.Status?.CurrentRevision) ?? update;
        return (current, update, collisionCount);
    }

    private Revision CreateRevision(JsonObject template, JsonObject data, byte[] bytes, long number, ref int collisionCount)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in template["metadata"]?["labels"] as JsonObject ?? [])
        {
            labels[key] = value?.GetValue<string>() ?? "";
        }

        var prefix = SetName.Length > 223 ? SetName[..223] : SetName;
        while (true)
        {
            var hash = RevisionHash.OfRevisionData(bytes, collisionCount);
            labels["controller.kubernetes.io/hash"] = hash;
            var name = $"{prefix}-{hash}";
            if (_controller.History.Create(_namespace, name, _owner, labels, null, data, number) is { } created)
            {
                return created;
            }

            if (_controller.History.Get(_namespace, name) is { } existing && existing.Holds(bytes))
            {
                return existing;
            }

            collisionCount++; // another template hashed to the same name
        }
    }

    /// <summary>kube's <c>getPatch</c>: a strategic merge patch that puts the template back.</summary>
    private static JsonObject TemplatePatch(JsonObject template)
    {
        var copy = (JsonObject)template.DeepClone();
        copy["$patch"] = "replace";
        return (JsonObject)CanonicalJson.Sorted(new JsonObject { ["spec"] = new JsonObject { ["template"] = copy } })!;
    }

    /// <summary>The pods of the set (adopting orphans that its selector and naming claim).</summary>
    private List<PodFacts> ClaimPods(LabelMatcher selector)
    {
        var claimed = new List<PodFacts>();
        foreach (var pod in _controller.Pods.Select(_namespace, selector))
        {
            if (StatefulPodName.Parent(pod.Name) != SetName)
            {
                continue;
            }

            if (pod.Controller is null && !pod.Terminating && !_stored.Terminating)
            {
                if (Adopt(pod) is { } adopted)
                {
                    claimed.Add(adopted);
                }
            }
            else if (pod.Controller?.Uid == _stored.Uid)
            {
                claimed.Add(pod);
            }
        }

        return claimed;
    }

    private PodFacts? Adopt(PodFacts pod)
    {
        var stored = _cluster.Registry.Mutate(_cluster.Kinds.Pod, _namespace, pod.Name, Component, obj =>
        {
            var meta = (JsonObject)obj["metadata"]!;
            var owners = meta["ownerReferences"] as JsonArray ?? [];
            if (owners.Any(o => o?["controller"]?.GetValue<bool>() == true))
            {
                return false;
            }

            owners.Add(PodTemplate.OwnerReference(_owner));
            meta["ownerReferences"] = owners;
            return true;
        });
        return stored is null ? null : _controller.Pods.Remember(stored) is { Controller: { } c } facts && c.Uid == _stored.Uid ? facts : null;
    }

    private void CreatePod(int ordinal, Revision revision, JsonObject template)
    {
        var name = StatefulPodName.Of(SetName, ordinal);
        var pod = PodTemplate.NewPod(template, _namespace, _owner,
        [
            new(StatefulPodName.RevisionLabel, revision.Name),
            new(StatefulPodName.PodNameLabel, name),
            new(StatefulPodName.PodIndexLabel, ordinal.ToString(CultureInfo.InvariantCulture)),
        ]);
        var meta = (JsonObject)pod["metadata"]!;
        meta.Insert(0, "name", name);
        var spec = (JsonObject)pod["spec"]!;
        spec["hostname"] = name;
        if (_settings.ServiceName.Length > 0)
        {
            spec["subdomain"] = _settings.ServiceName;
        }

        AddClaimVolumes(spec, ordinal);
        try
        {
            var created = _cluster.Registry.Create(_cluster.Kinds.Pod, _namespace, pod, WriteContext.For(Component));
            _controller.Pods.Remember(created);
            Record("create", name, null);
        }
        catch (ApiException e)
        {
            Record("create", name, e.Message);
            throw;
        }
    }

    /// <summary>kube's <c>updateStorage</c>: a volume per claim template, naming the pod's claim <c>TEMPLATE-SET-ORDINAL</c>.</summary>
    private void AddClaimVolumes(JsonObject spec, int ordinal)
    {
        if (_settings.ClaimTemplates.Count == 0)
        {
            return;
        }

        var volumes = new JsonArray();
        foreach (var claim in _settings.ClaimTemplates)
        {
            volumes.Add(new JsonObject
            {
                ["name"] = claim,
                ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = $"{claim}-{SetName}-{ordinal}" },
            });
        }

        foreach (var volume in spec["volumes"] as JsonArray ?? [])
        {
            if (!_settings.ClaimTemplates.Contains(volume?["name"]?.GetValue<string>() ?? ""))
            {
                volumes.Add(volume!.DeepClone());
            }
        }

        spec["volumes"] = volumes;
    }

    private static bool IdentityMatches(PodFacts pod)
    {
        var ordinal = StatefulPodName.Ordinal(pod.Name);
        return pod.Label(StatefulPodName.PodNameLabel) == pod.Name &&
            pod.Label(StatefulPodName.PodIndexLabel) == ordinal.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>kube's <c>updateIdentity</c> on an adopted or edited pod: its name and index labels.</summary>
    private void RepairIdentity(PodFacts pod, int ordinal)
    {
        try
        {
            var stored = _cluster.Registry.Mutate(_cluster.Kinds.Pod, _namespace, pod.Name, Component, obj =>
            {
                var meta = (JsonObject)obj["metadata"]!;
                var labels = meta["labels"] as JsonObject ?? [];
                labels[StatefulPodName.PodNameLabel] = pod.Name;
                labels[StatefulPodName.PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture);
                meta["labels"] = labels;
                return true;
            });
            if (stored is not null)
            {
                _controller.Pods.Remember(stored);
                Record("update", pod.Name, null);
            }
        }
        catch (ApiException e)
        {
            Record("update", pod.Name, e.Message);
            throw;
        }
    }

    private void DeletePod(PodFacts pod)
    {
        try
        {
            var outcome = _cluster.Registry.Delete(_cluster.Kinds.Pod, _namespace, pod.Name, new Registry.DeleteOptions { PreconditionUid = pod.Uid });
            if (!outcome.Removed)
            {
                _controller.Pods.Remember(outcome.Object);
            }

            Record("delete", pod.Name, null);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Gone already.
        }
        catch (ApiException e)
        {
            Record("delete", pod.Name, e.Message);
            throw;
        }
    }

    /// <summary>kube's <c>recordPodEvent</c>: <c>SuccessfulCreate</c> "create Pod web-0 in StatefulSet web successful" and its failure twin.</summary>
    private void Record(string verb, string pod, string? error)
    {
        var title = char.ToUpperInvariant(verb[0]) + verb[1..];
        var involved = new InvolvedObject("StatefulSet", "apps/v1", _namespace, SetName, _stored.Uid);
        if (error is null)
        {
            _cluster.Events.Record(involved, "Normal", "Successful" + title, $"{verb} Pod {pod} in StatefulSet {SetName} successful", Component);
        }
        else
        {
            _cluster.Events.Record(involved, "Warning", "Failed" + title, $"{verb} Pod {pod} in StatefulSet {SetName} failed error: {error}", Component);
        }
    }

    private bool Unavailable(PodFacts? pod) => pod is null || pod.Terminating || !pod.Available(_settings.MinReadySeconds, _now);

    private StatefulSetStatus Status(IEnumerable<Slot> slots, Revision current, Revision update, int collisionCount, int currentDeletedForUpdate)
    {
        int replicas = 0, ready = 0, available = 0, atCurrent = 0, updated = 0;
        foreach (var pod in slots.Select(s => s.Pod).OfType<PodFacts>())
        {
            if (pod.Phase.Length > 0)
            {
                replicas++;
            }

            if (pod.RunningAndReady)
            {
                ready++;
                if (pod.Available(_settings.MinReadySeconds, _now))
                {
                    available++;
                }
            }

            if (pod.Phase.Length > 0 && !pod.Terminating)
            {
                var revision = pod.Label(StatefulPodName.RevisionLabel);
                atCurrent += revision == current.Name ? 1 : 0;
                updated += revision == update.Name ? 1 : 0;
            }
        }

        var status = new StatefulSetStatus
        {
            ObservedGeneration = _set.Metadata.Generation,
            Replicas = replicas,
            ReadyReplicas = ready,
            CurrentReplicas = atCurrent - currentDeletedForUpdate,
            UpdatedReplicas = updated,
            CurrentRevision = current.Name,
            UpdateRevision = update.Name,
            CollisionCount = collisionCount,
            Conditions = _set.Status?.Conditions,
            AvailableReplicas = available,
        };

        // kube's completeRollingUpdate: once every pod runs the update revision it becomes current.
        if (_settings.RollingUpdate && status.UpdatedReplicas == status.Replicas && status.ReadyReplicas == status.Replicas)
        {
            status.CurrentReplicas = status.UpdatedReplicas;
            status.CurrentRevision = status.UpdateRevision;
        }

        return status;
    }

    private void WriteStatus(StatefulSetStatus status)
    {
        var json = StatefulSetStatusJson.Of(status);
        _cluster.Registry.Mutate(_cluster.Kinds.StatefulSet, _namespace, SetName, Component, obj =>
        {
            if (obj["metadata"]?["uid"]?.GetValue<string>() != _stored.Uid || JsonNode.DeepEquals(obj["status"], json))
            {
                return false;
            }

            obj["status"] = json;
            return true;
        });
    }

    /// <summary>kube's <c>truncateHistory</c>: revisions no pod uses and that are neither current nor update, oldest first, beyond the limit.</summary>
    private void TrimHistory(List<Revision> revisions, List<PodFacts> pods, Revision current, Revision update)
    {
        var live = new HashSet<string>(StringComparer.Ordinal) { current.Name, update.Name };
        foreach (var pod in pods)
        {
            if (pod.Label(StatefulPodName.RevisionLabel) is { } revision)
            {
                live.Add(revision);
            }
        }

        var dead = revisions.Where(r => !live.Contains(r.Name)).ToList();
        for (var i = 0; i < dead.Count - _settings.RevisionHistoryLimit; i++)
        {
            _controller.History.Delete(_namespace, dead[i].Name);
        }
    }

    /// <summary>When the earliest pod that is ready but not yet available for minReadySeconds becomes available.</summary>
    private TimeSpan? Recheck(List<PodFacts> pods)
    {
        DateTimeOffset? next = null;
        foreach (var pod in pods)
        {
            if (pod.AvailableAt(_settings.MinReadySeconds, _now) is { } at && (next is null || at < next))
            {
                next = at;
            }
        }

        return next is { } when ? when - _now : null;
    }

    /// <summary>A position of the set: an ordinal and its pod, if it exists.</summary>
    private sealed record Slot(int Ordinal, PodFacts? Pod);
}
