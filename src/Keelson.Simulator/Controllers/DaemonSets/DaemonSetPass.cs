using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers.History;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>
/// One sync of a DaemonSet, as kube's <c>syncDaemonSet</c>: find the current revision, put one pod
/// on every node that should run one and remove the others (<c>manage</c>), replace outdated pods
/// within the update strategy's limits (<c>rollingUpdate</c>), trim history, write status.
/// </summary>
internal sealed class DaemonSetPass
{
    private const string Component = "daemonset-controller";
    private const string HashLabel = "controller-revision-hash";
    private const string GenerationLabel = "pod-template-generation";
    private const string GenerationAnnotation = "deprecated.daemonset.template.generation";

    /// <summary>Pods created or deleted in one pass at most (kube's <c>BurstReplicas</c>).</summary>
    private const int BurstReplicas = 250;

    private static readonly TimeSpan FailedPodBackoffStart = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FailedPodBackoffMax = TimeSpan.FromMinutes(15);

    private readonly DaemonSetController _controller;
    private readonly SimulationContext _cluster;
    private readonly StoredObject _stored;
    private readonly DaemonSet _set;
    private readonly JsonObject _json;
    private readonly string _namespace;
    private readonly ControllerReference _owner;
    private readonly DaemonSetSettings _settings;
    private readonly DateTimeOffset _now;
    private readonly string? _templateGeneration;
    private DateTimeOffset? _recheck;

    public DaemonSetPass(DaemonSetController controller, StoredObject stored)
    {
        _controller = controller;
        _cluster = controller.Context;
        _stored = stored;
        _json = ObjectRegistry.Parse(stored);
        _set = TypedObjects.Read<DaemonSet>(stored);
        _namespace = stored.Key.Namespace;
        _owner = new ControllerReference("apps/v1", "DaemonSet", stored.Key.Name, stored.Uid);
        _settings = DaemonSetSettings.Of(_set);
        _now = _cluster.Time.GetUtcNow();
        _templateGeneration = _set.Metadata.Annotations?.GetValueOrDefault(GenerationAnnotation);
    }

    private string SetName => _stored.Key.Name;

    private InvolvedObject Involved => new("DaemonSet", "apps/v1", _namespace, SetName, _stored.Uid);

    /// <summary>Runs the sync; returns when to look again (a pod becoming available, a failed pod's back-off ending).</summary>
    public TimeSpan? Run()
    {
        var selector = ObjectRegistry.Matcher(_json["spec"]?["selector"] as JsonObject);
        if (selector.IsEverything)
        {
            _cluster.Events.Record(Involved, "Warning", "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.", Component);
            return null;
        }

        if (selector.MatchesNothing || _stored.Terminating)
        {
            return null; // a set being deleted keeps its last status: its history may be half gone
        }

        var template = _json["spec"]?["template"] as JsonObject ?? [];
        var (current, old) = ConstructHistory(selector, template);
        var hash = current.Labels.GetValueOrDefault(HashLabel) ?? current.Name;
        var podTemplate = (JsonObject)template.DeepClone();
        var podSpec = podTemplate["spec"] as JsonObject ?? [];
        podTemplate["spec"] = podSpec;
        DaemonTolerations.AddTo(podSpec);
        var placement = new DaemonPlacement(podSpec);
        var nodes = _controller.Nodes();
        nodes.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var fits = new Dictionary<string, (bool ShouldRun, bool ShouldContinueRunning)>(nodes.Count, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            fits[node.Name] = placement.Evaluate(node);
        }

        var pods = ClaimPods(selector);
        var byNode = ByNode(pods);

        var (changed, failed) = Manage(nodes, byNode, fits, podTemplate, hash);
        if (!changed && _settings.RollingUpdate)
        {
            // As kube waits for its expectations, the update proceeds once manage's changes are seen.
            RollingUpdate(nodes, byNode, fits, podTemplate, hash);
        }

        CleanupHistory(old, pods);
        WriteStatus(nodes, byNode, fits, hash);
        if (failed > 0)
        {
            // Thrown so the set backs off instead of fighting a kubelet that keeps rejecting its pods.
            throw new InvalidOperationException($"deleted {failed} failed pods of DaemonSet {_namespace}/{SetName}");
        }

        return _recheck is { } at ? at - _now : null;
    }

    /// <summary>kube's <c>manage</c> and <c>podsShouldBeOnNode</c>; returns whether it changed anything and how many failed pods it deleted.</summary>
    private (bool Changed, int Failed) Manage(List<NodeFacts> nodes, Dictionary<string, List<PodFacts>> byNode, Dictionary<string, (bool ShouldRun, bool ShouldContinueRunning)> fits, JsonObject podTemplate, string hash)
    {
        var create = new List<string>();
        var delete = new List<PodFacts>();
        var failed = 0;
        var surge = _settings.Surge(1) != 0;
        foreach (var node in nodes)
        {
            var (shouldRun, shouldContinue) = fits[node.Name];
            var exists = byNode.TryGetValue(node.Name, out var daemonPods);
            if (shouldRun && !exists)
            {
                create.Add(node.Name);
            }
            else if (shouldContinue && exists)
            {
                var running = new List<PodFacts>();
                foreach (var pod in daemonPods!.Where(p => !p.Terminating))
                {
                    if (pod.Phase == "Failed")
                    {
                        if (FailedPodMayGo(node.Name))
                        {
                            _cluster.Events.Record(Involved, "Warning", "FailedDaemonPod", $"Found failed daemon pod {_namespace}/{pod.Name} on node {node.Name}, will try to kill it", Component);
                            delete.Add(pod);
                            failed++;
                        }
                    }
                    else if (pod.Phase == "Succeeded")
                    {
                        _cluster.Events.Record(Involved, "Normal", "SucceededDaemonPod", $"Found succeeded daemon pod {_namespace}/{pod.Name} on node {node.Name}, will try to delete it", Component);
                        delete.Add(pod);
                    }
                    else
                    {
                        running.Add(pod);
                    }
                }

                running.Sort(ScheduledThenOldest);
                if (!surge)
                {
                    delete.AddRange(running.Skip(1)); // the oldest stays
                }
                else if (running.Count == 0 && shouldRun)
                {
                    create.Add(node.Name);
                }
                else if (running.Count > 1)
                {
                    delete.AddRange(SurgeExcess(running, hash));
                }
            }
            else if (!shouldContinue && exists)
            {
                delete.AddRange(daemonPods!.Where(p => !p.Terminating));
            }
        }

        // Pods meant for nodes that are gone: kube deletes the unscheduled ones here and leaves the
        // scheduled ones to the pod garbage collector (Nodes/PodGarbageCollector).
        var known = nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        delete.AddRange(byNode.Where(n => !known.Contains(n.Key) && _controller.NodeGone(n.Key)).SelectMany(n => n.Value).Where(p => !p.Terminating));

        SyncNodes(create, delete, podTemplate, hash);
        return (create.Count + delete.Count > 0, failed);
    }

    /// <summary>
    /// With surge, a node may hold an old and a new pod: the old one goes once the new one is
    /// available or the old one is not ready; every other extra pod goes at once.
    /// </summary>
    private List<PodFacts> SurgeExcess(List<PodFacts> running, string hash)
    {
        var excess = new List<PodFacts>();
        PodFacts? oldestNew = null, oldestOld = null;
        foreach (var pod in running)
        {
            if (pod.Label(HashLabel) == hash)
            {
                if (oldestNew is null)
                {
                    oldestNew = pod;
                    continue;
                }
            }
            else if (oldestOld is null)
            {
                oldestOld = pod;
                continue;
            }

            excess.Add(pod);
        }

        if (oldestNew is not null && oldestOld is not null && (!oldestOld.Ready || oldestNew.Available(_settings.MinReadySeconds, _now)))
        {
            excess.Add(oldestOld);
        }

        return excess;
    }

    /// <summary>kube's <c>rollingUpdate</c>: replace outdated pods within maxUnavailable, or surge within maxSurge.</summary>
    private void RollingUpdate(List<NodeFacts> nodes, Dictionary<string, List<PodFacts>> byNode, Dictionary<string, (bool ShouldRun, bool ShouldContinueRunning)> fits, JsonObject podTemplate, string hash)
    {
        var desired = 0;
        var perNode = new SortedDictionary<string, List<PodFacts>>(byNode, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (fits[node.Name].ShouldRun)
            {
                desired++;
                perNode.TryAdd(node.Name, []);
            }
        }

        var maxSurge = _settings.Surge(desired);
        var maxUnavailable = _settings.Unavailable(desired);
        if (desired > 0 && maxSurge == 0 && maxUnavailable == 0)
        {
            maxUnavailable = 1; // an impossible strategy falls back to accepting unavailability
        }

        if (maxSurge == 0)
        {
            RollByDeleting(perNode, maxUnavailable, hash);
        }
        else
        {
            RollBySurging(perNode, fits, desired, maxSurge, podTemplate, hash);
        }
    }

    private void RollByDeleting(SortedDictionary<string, List<PodFacts>> perNode, int maxUnavailable, string hash)
    {
        var unavailable = 0;
        var replacements = new List<PodFacts>();
        var candidates = new List<PodFacts>();
        foreach (var (_, pods) in perNode)
        {
            if (!UpdatedAndOld(pods, hash, out var updated, out var outdated))
            {
                unavailable++; // manage still has excess pods to prune here
                continue;
            }

            if ((updated is null) == (outdated is null))
            {
                unavailable++; // nothing yet, or both: manage creates or deletes
            }
            else if (updated is not null)
            {
                unavailable += updated.Available(_settings.MinReadySeconds, _now) ? 0 : 1;
            }
            else if (!outdated!.Available(_settings.MinReadySeconds, _now))
            {
                replacements.Add(outdated); // not available anyway: replace it at no cost
                unavailable++;
            }
            else if (unavailable < maxUnavailable)
            {
                candidates.Add(outdated);
            }
        }

        var budget = Math.Clamp(maxUnavailable - unavailable, 0, candidates.Count);
        SyncNodes([], [.. replacements, .. candidates.Take(budget)], null, hash);
    }

    private void RollBySurging(SortedDictionary<string, List<PodFacts>> perNode, Dictionary<string, (bool ShouldRun, bool ShouldContinueRunning)> fits, int desired, int maxSurge, JsonObject podTemplate, string hash)
    {
        var delete = new List<PodFacts>();
        var misplaced = new List<PodFacts>();
        var allowed = new List<string>();
        var candidates = new List<string>();
        int surging = 0, available = 0;
        foreach (var (node, pods) in perNode)
        {
            if (!UpdatedAndOld(pods, hash, out var updated, out var outdated))
            {
                surging++;
                continue;
            }

            if ((outdated ?? updated)?.Available(_settings.MinReadySeconds, _now) == true)
            {
                available++;
            }

            var shouldRun = fits.GetValueOrDefault(node).ShouldRun;
            if (outdated is null)
            {
                continue; // manage looks after it
            }

            if (updated is null)
            {
                if (!outdated.Available(_settings.MinReadySeconds, _now))
                {
                    if (shouldRun)
                    {
                        allowed.Add(node);
                    }
                    else
                    {
                        delete.Add(outdated);
                    }
                }
                else if (!shouldRun)
                {
                    misplaced.Add(outdated);
                }
                else if (surging < maxSurge)
                {
                    candidates.Add(node);
                }
            }
            else if (!updated.Available(_settings.MinReadySeconds, _now))
            {
                surging++;
            }
            else
            {
                delete.Add(outdated);
            }
        }

        // With surge the owner expects full availability: a pod on a node it no longer fits
        // goes only once enough pods are available elsewhere.
        delete.AddRange(misplaced.Take(Math.Max(0, available - desired)));
        var budget = Math.Clamp(maxSurge - surging, 0, candidates.Count);
        SyncNodes([.. allowed, .. candidates.Take(budget)], delete, podTemplate, hash);
    }

    /// <summary>kube's <c>findUpdatedPodsOnNode</c>: at most one updated and one outdated pod (not terminating), else false.</summary>
    private bool UpdatedAndOld(List<PodFacts> pods, string hash, out PodFacts? updated, out PodFacts? outdated)
    {
        updated = null;
        outdated = null;
        foreach (var pod in pods.Where(p => !p.Terminating))
        {
            if (Updated(pod, hash))
            {
                if (updated is not null)
                {
                    return false;
                }

                updated = pod;
            }
            else
            {
                if (outdated is not null)
                {
                    return false;
                }

                outdated = pod;
            }
        }

        return true;
    }

    /// <summary>kube's <c>IsPodUpdated</c>: the current revision's hash, or the template generation of old clusters.</summary>
    private bool Updated(PodFacts pod, string hash) =>
        pod.Label(HashLabel) == hash || (_templateGeneration is not null && pod.Label(GenerationLabel) == _templateGeneration);

    private void SyncNodes(List<string> create, List<PodFacts> delete, JsonObject? podTemplate, string hash)
    {
        // Pods are created in batches of 1, 2, 4... so a set whose pods are refused stops early;
        // deletions go ahead either way.
        ApiException? refused = null;
        var created = 0;
        try
        {
            for (var batch = 1; created < Math.Min(create.Count, BurstReplicas); batch *= 2)
            {
                foreach (var node in create.Skip(created).Take(Math.Min(batch, BurstReplicas - created)))
                {
                    CreatePod(podTemplate!, node, hash);
                    created++;
                }
            }
        }
        catch (ApiException e)
        {
            refused = e;
        }

        foreach (var pod in delete.DistinctBy(p => p.Name).Take(BurstReplicas))
        {
            DeletePod(pod);
        }

        if (refused is not null)
        {
            throw refused;
        }

        if (create.Count > BurstReplicas || delete.Count > BurstReplicas)
        {
            Soon(_now); // the rest in the next pass
        }
    }

    private void CreatePod(JsonObject podTemplate, string node, string hash)
    {
        var labels = new List<KeyValuePair<string, string>> { new(HashLabel, hash) };
        if (_templateGeneration is not null)
        {
            labels.Add(new(GenerationLabel, _templateGeneration));
        }

        var pod = PodTemplate.NewPod(podTemplate, _namespace, _owner, labels);
        PinToNode((JsonObject)pod["spec"]!, node);
        try
        {
            var created = _cluster.Registry.Create(_cluster.Kinds.Pod, _namespace, pod, WriteContext.For(Component));
            _controller.Pods.Remember(created);
            _cluster.Events.Record(Involved, "Normal", "SuccessfulCreate", $"Created pod: {created.Key.Name}", Component);
        }
        catch (ApiException e)
        {
            _cluster.Events.Record(Involved, "Warning", "FailedCreate", $"Error creating: {e.Message}", Component);
            throw;
        }
    }

    /// <summary>kube's <c>ReplaceDaemonSetPodNodeNameNodeAffinity</c>: the required node affinity becomes this node and nothing else.</summary>
    private static void PinToNode(JsonObject spec, string node)
    {
        var affinity = spec["affinity"] as JsonObject ?? [];
        var nodeAffinity = affinity["nodeAffinity"] as JsonObject ?? [];
        var required = nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] as JsonObject ?? [];
        required["nodeSelectorTerms"] = new JsonArray(new JsonObject
        {
            ["matchFields"] = new JsonArray(new JsonObject
            {
                ["key"] = "metadata.name",
                ["operator"] = "In",
                ["values"] = new JsonArray(node),
            }),
        });
        nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = required;
        affinity["nodeAffinity"] = nodeAffinity;
        spec["affinity"] = affinity;
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

            _cluster.Events.Record(Involved, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Name}", Component);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone already, or a new pod took the name.
        }
        catch (ApiException e)
        {
            _cluster.Events.Record(Involved, "Warning", "FailedDelete", $"Error deleting: {e.Message}", Component);
            throw;
        }
    }

    /// <summary>kube's failed-pod back-off per node: 1 s doubling to 15 min between deletions of failed pods.</summary>
    private bool FailedPodMayGo(string node)
    {
        var key = (_stored.Uid, node);
        if (_controller.FailedPodBackoff.TryGetValue(key, out var backoff) && _now < backoff.Until)
        {
            Soon(backoff.Until);
            return false;
        }

        var delay = backoff.Delay == TimeSpan.Zero ? FailedPodBackoffStart : TimeSpan.FromTicks(Math.Min(backoff.Delay.Ticks * 2, FailedPodBackoffMax.Ticks));
        _controller.FailedPodBackoff[key] = (_now + delay, delay);
        return true;
    }

    private (Revision Current, List<Revision> Old) ConstructHistory(LabelMatcher selector, JsonObject template)
    {
        var revisions = _controller.History.List(_namespace, _owner, selector);
        var data = TemplatePatch(template);
        var bytes = CanonicalJson.Bytes(data);
        var current = revisions.Where(r => r.Holds(bytes)).ToList();
        var old = revisions.Where(r => !r.Holds(bytes)).ToList();
        var next = old.Select(r => r.Number).DefaultIfEmpty(0).Max() + 1;
        if (current.Count == 0)
        {
            return (Snapshot(template, data, bytes, next), old);
        }

        var keep = Dedup(current, selector);
        return (keep.Number < next ? _controller.History.Renumber(_namespace, keep, next) : keep, old);
    }

    /// <summary>kube's <c>snapshot</c>: a new revision <c>NAME-HASH</c>; a name taken by another template bumps <c>collisionCount</c>.</summary>
    private Revision Snapshot(JsonObject template, JsonObject data, byte[] bytes, long number)
    {
        var collisionCount = _set.Status?.CollisionCount;
        var hash = RevisionHash.OfTemplate(CanonicalJson.Bytes(template), collisionCount);
        var name = $"{SetName}-{hash}";
        var labels = (template["metadata"]?["labels"] as JsonObject ?? [])
            .ToDictionary(l => l.Key, l => l.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
        labels[HashLabel] = hash;
        if (_controller.History.Create(_namespace, name, _owner, labels, _json["metadata"]?["annotations"] as JsonObject, data, number) is { } created)
        {
            return created;
        }

        if (_controller.History.Get(_namespace, name) is { } existing && existing.Holds(bytes))
        {
            return existing;
        }

        _cluster.Registry.Mutate(_cluster.Kinds.DaemonSet, _namespace, SetName, Component, obj =>
        {
            if (obj["metadata"]?["uid"]?.GetValue<string>() != _stored.Uid || obj["status"]?["collisionCount"]?.GetValue<int>() != collisionCount)
            {
                return false; // someone bumped it already
            }

            var status = obj["status"] as JsonObject ?? [];
            status["collisionCount"] = (collisionCount ?? 0) + 1;
            obj["status"] = status;
            return true;
        });
        throw ApiException.Conflict(_cluster.Kinds.ControllerRevision, name, $"the name is taken by another template of DaemonSet {SetName}; collisionCount was raised");
    }

    /// <summary>kube's <c>dedupCurHistories</c>: keep the newest of revisions holding the same template, move pods onto it.</summary>
    private Revision Dedup(List<Revision> current, LabelMatcher selector)
    {
        var keep = current.MaxBy(r => r.Number)!;
        if (current.Count == 1)
        {
            return keep;
        }

        var keepHash = keep.Labels.GetValueOrDefault(HashLabel) ?? keep.Name;
        foreach (var pod in ClaimPods(selector).Where(p => p.Label(HashLabel) != keepHash))
        {
            _cluster.Registry.Mutate(_cluster.Kinds.Pod, _namespace, pod.Name, Component, obj =>
            {
                var labels = obj["metadata"]!["labels"] as JsonObject ?? [];
                labels[HashLabel] = keepHash;
                obj["metadata"]!["labels"] = labels;
                return true;
            });
        }

        foreach (var duplicate in current.Where(r => r.Name != keep.Name))
        {
            _controller.History.Delete(_namespace, duplicate.Name);
        }

        return keep;
    }

    /// <summary>kube's <c>cleanupHistory</c>: old revisions no pod uses, oldest first, beyond the limit.</summary>
    private void CleanupHistory(List<Revision> old, List<PodFacts> pods)
    {
        var excess = old.Count - _settings.RevisionHistoryLimit;
        if (excess <= 0)
        {
            return;
        }

        var live = pods.Select(p => p.Label(HashLabel)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var revision in old.OrderBy(r => r.Number))
        {
            if (excess <= 0)
            {
                break;
            }

            if (!live.Contains(revision.Labels.GetValueOrDefault(HashLabel) ?? ""))
            {
                _controller.History.Delete(_namespace, revision.Name);
                excess--;
            }
        }
    }

    private void WriteStatus(List<NodeFacts> nodes, Dictionary<string, List<PodFacts>> byNode, Dictionary<string, (bool ShouldRun, bool ShouldContinueRunning)> fits, string hash)
    {
        int desired = 0, scheduled = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
        foreach (var node in nodes)
        {
            var onNode = byNode.GetValueOrDefault(node.Name);
            if (!fits[node.Name].ShouldRun)
            {
                misscheduled += onNode is { Count: > 0 } ? 1 : 0;
                continue;
            }

            desired++;
            if (onNode is not { Count: > 0 })
            {
                continue;
            }

            scheduled++;
            var pod = onNode.OrderBy(p => p, Comparer<PodFacts>.Create(ScheduledThenOldest)).First();
            if (pod.Ready)
            {
                ready++;
                if (pod.Available(_settings.MinReadySeconds, _now))
                {
                    available++;
                }
                else if (pod.AvailableAt(_settings.MinReadySeconds, _now) is { } at)
                {
                    Soon(at);
                }
            }

            updated += Updated(pod, hash) ? 1 : 0;
        }

        var status = new DaemonSetStatus
        {
            CurrentNumberScheduled = scheduled,
            NumberMisscheduled = misscheduled,
            DesiredNumberScheduled = desired,
            NumberReady = ready,
            ObservedGeneration = _set.Metadata.Generation,
            UpdatedNumberScheduled = updated,
            NumberAvailable = available,
            NumberUnavailable = desired - available,
            CollisionCount = _set.Status?.CollisionCount,
            Conditions = _set.Status?.Conditions,
        };
        var json = DaemonSetStatusJson.Of(status);
        _cluster.Registry.Mutate(_cluster.Kinds.DaemonSet, _namespace, SetName, Component, obj =>
        {
            if (obj["metadata"]?["uid"]?.GetValue<string>() != _stored.Uid)
            {
                return false;
            }

            // A collision bumped meanwhile is kept.
            if (obj["status"]?["collisionCount"] is { } collisions)
            {
                json["collisionCount"] = collisions.DeepClone();
            }

            if (JsonNode.DeepEquals(obj["status"], json))
            {
                return false;
            }

            obj["status"] = json;
            return true;
        });
    }

    /// <summary>The pods of the set (adopting orphans its selector matches).</summary>
    private List<PodFacts> ClaimPods(LabelMatcher selector)
    {
        var claimed = new List<PodFacts>();
        foreach (var pod in _controller.Pods.Select(_namespace, selector))
        {
            if (pod.Controller?.Uid == _stored.Uid)
            {
                claimed.Add(pod);
            }
            else if (pod.Controller is null && !pod.Terminating && Adopt(pod) is { } adopted)
            {
                claimed.Add(adopted);
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
        return stored is not null && _controller.Pods.Remember(stored) is { Controller: { } c } facts && c.Uid == _stored.Uid ? facts : null;
    }

    /// <summary>kube's <c>getNodesToDaemonPods</c>: the pods by the node they are meant for (finished pods being deleted left out).</summary>
    private static Dictionary<string, List<PodFacts>> ByNode(List<PodFacts> pods)
    {
        var byNode = new Dictionary<string, List<PodFacts>>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if ((pod.Terminal && pod.Terminating) || pod.TargetNode is not { } node)
            {
                continue;
            }

            if (!byNode.TryGetValue(node, out var list))
            {
                byNode[node] = list = [];
            }

            list.Add(pod);
        }

        return byNode;
    }

    /// <summary>kube's <c>podByCreationTimestampAndPhase</c>: bound pods first, then the oldest, then by name.</summary>
    private static int ScheduledThenOldest(PodFacts a, PodFacts b)
    {
        if ((a.NodeName is null) != (b.NodeName is null))
        {
            return a.NodeName is not null ? -1 : 1;
        }

        var byAge = a.Created.CompareTo(b.Created);
        return byAge != 0 ? byAge : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>kube's <c>getPatch</c>: a strategic merge patch that puts the template back.</summary>
    private static JsonObject TemplatePatch(JsonObject template)
    {
        var copy = (JsonObject)template.DeepClone();
        copy["$patch"] = "replace";
        return (JsonObject)CanonicalJson.Sorted(new JsonObject { ["spec"] = new JsonObject { ["template"] = copy } })!;
    }

    private void Soon(DateTimeOffset at)
    {
        if (_recheck is null || at < _recheck)
        {
            _recheck = at;
        }
    }
}
