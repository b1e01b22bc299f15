using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers.ReplicaSets;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Namespaces;

/// <summary>
/// kube-controller-manager's namespace controller: empties a namespace that is being deleted
/// (every namespaced kind, pods gracefully), reports progress in the
/// <c>NamespaceDeletion*</c>/<c>Namespace*Remaining</c> conditions, then removes the
/// <c>kubernetes</c> finalizer and deletes the namespace for good.
/// </summary>
internal sealed class NamespaceController : Controller
{
    private const string Finalizer = "kubernetes";

    /// <summary>How long to wait before looking again when content remains and nothing else will wake the controller.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    private static readonly (string Type, string Reason, string Message)[] Healthy =
    [
        ("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"),
        ("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed"),
        ("NamespaceDeletionContentFailure", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        ("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
        ("NamespaceFinalizersRemaining", "ContentHasNoFinalizers", "All content-preserving finalizers finished"),
    ];

    private readonly Lock _lock = new();
    private readonly HashSet<string> _terminating = new(StringComparer.Ordinal);
    private readonly List<ResourceKind> _content;

    /// <summary>Creates the controller of one cluster.</summary>
    public NamespaceController(SimulationContext cluster)
        : base(cluster, "namespace-controller")
    {
        _content = [.. cluster.Store.Catalog.Kinds.Where(k => k.Resource.Namespaced && !k.ReadOnly)];
        Watch(cluster.Kinds.Namespace, OnNamespace);
        foreach (var kind in _content)
        {
            Watch(kind, OnContent);
        }
    }

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var stored = Cluster.Store.Table(Cluster.Kinds.Namespace).Get(key);
        if (stored is not { Terminating: true })
        {
            return;
        }

        var ns = TypedObjects.Read<Namespace>(stored);
        if (ns.Spec?.Finalizers?.Contains(Finalizer) != true)
        {
            DeleteNamespace(stored);
            return;
        }

        var (remaining, finalizers, failures, estimate) = DeleteContent(key.Name);
        UpdateConditions(stored, remaining, finalizers, failures);
        if (remaining.Count > 0 || failures.Count > 0)
        {
            // Deletions of content wake the controller; this is for content held by finalizers or graceful pods.
            Queue.AddAfter(key, estimate > Recheck ? estimate : Recheck);
            return;
        }

        var finalized = Cluster.Registry.Mutate<Namespace>(Cluster.Kinds.Namespace, null, key.Name, Name, current =>
        {
            if (current.Metadata.Uid != stored.Uid || current.Spec?.Finalizers?.Remove(Finalizer) != true)
            {
                return false;
            }

            current.Spec.Finalizers = current.Spec.Finalizers.Count == 0 ? null : current.Spec.Finalizers;
            return true;
        });
        if (finalized?.Spec?.Finalizers is not { Count: > 0 } && finalized is not null)
        {
            DeleteNamespace(stored);
        }
    }

    /// <summary>Deletes every object of the namespace; returns what remains (by resource and by finalizer), what failed, and how long pods still take.</summary>
    private (SortedDictionary<string, int> Remaining, SortedDictionary<string, int> Finalizers, List<string> Failures, TimeSpan Estimate) DeleteContent(string @namespace)
    {
        var remaining = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var finalizers = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var estimate = TimeSpan.Zero;
        var now = Cluster.Time.GetUtcNow();
        foreach (var kind in _content)
        {
            var table = Cluster.Store.Table(kind);
            foreach (var item in table.List(@namespace, o => !o.Terminating).Items)
            {
                try
                {
                    Cluster.Registry.Delete(kind, @namespace, item.Key.Name, new Registry.DeleteOptions { PropagationPolicy = "Background" });
                }
                catch (ApiException e) when (e.Code != 404)
                {
                    failures.Add(e.Message);
                }
            }

            var left = table.List(@namespace, null).Items;
            if (left.Count == 0)
            {
                continue;
            }

            remaining[$"{kind.Resource.Plural}.{kind.Resource.Group}"] = left.Count;
            foreach (var item in left)
            {
                var metadata = JsonNode.Parse(item.Json)!["metadata"]!;
                foreach (var finalizer in (metadata["finalizers"] as JsonArray ?? []).Select(f => f?.GetValue<string>() ?? ""))
                {
                    finalizers[finalizer] = finalizers.GetValueOrDefault(finalizer) + 1;
                }

                if (metadata["deletionTimestamp"]?.GetValue<string>() is { } deadline &&
                    TimeJsonConverter.ParseRfc3339(deadline) - now is var wait && wait > estimate)
                {
                    estimate = wait;
                }
            }
        }

        return (remaining, finalizers, failures, estimate);
    }

    private void UpdateConditions(StoredObject stored, SortedDictionary<string, int> remaining, SortedDictionary<string, int> finalizers, List<string> failures)
    {
        var wanted = Healthy.Select(h => (h.Type, Status: "False", h.Reason, h.Message)).ToList();
        if (failures.Count > 0)
        {
            wanted[2] = (wanted[2].Type, "True", "ContentDeletionFailed", $"Failed to delete all resource types, {failures.Count} remaining: {string.Join(", ", failures)}");
        }

        if (remaining.Count > 0)
        {
            wanted[3] = (wanted[3].Type, "True", "SomeResourcesRemain",
                "Some resources are remaining: " + string.Join(", ", remaining.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} has {r.Value} resource instances")).Order(StringComparer.Ordinal)));
        }

        if (finalizers.Count > 0)
        {
            wanted[4] = (wanted[4].Type, "True", "SomeFinalizersRemain",
                "Some content in the namespace has finalizers remaining: " + string.Join(", ", finalizers.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} in {f.Value} resource instances")).Order(StringComparer.Ordinal)));
        }

        var now = ApiTime.Now(Cluster.Time);
        Cluster.Registry.Mutate<Namespace>(Cluster.Kinds.Namespace, null, stored.Key.Name, Name, ns =>
        {
            if (ns.Metadata.Uid != stored.Uid)
            {
                return false;
            }

            var status = ns.Status ??= new NamespaceStatus();
            var conditions = status.Conditions ??= [];
            var changed = status.Phase != "Terminating";
            status.Phase = "Terminating";
            foreach (var (type, conditionStatus, reason, message) in wanted)
            {
                var current = conditions.Find(c => c.Type == type);
                if (current is not null && current.Status == conditionStatus && current.Reason == reason && current.Message == message)
                {
                    continue;
                }

                changed = true;
                if (current is not null)
                {
                    conditions.Remove(current);
                }

                conditions.Insert(Math.Min(conditions.Count, Array.FindIndex(Healthy, h => h.Type == type)), new NamespaceCondition
                {
                    Type = type,
                    Status = conditionStatus,
                    Reason = reason,
                    Message = message,
                    LastTransitionTime = now,
                });
            }

            return changed;
        });
    }

    private void DeleteNamespace(StoredObject stored)
    {
        try
        {
            Cluster.Registry.Delete(Cluster.Kinds.Namespace, null, stored.Key.Name, new Registry.DeleteOptions { PreconditionUid = stored.Uid });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone, or a namespace of the same name was created since.
        }
    }

    private void OnNamespace(StoreEvent e)
    {
        lock (_lock)
        {
            if (e.Type != StoreEventType.Deleted && e.Object.Terminating)
            {
                _terminating.Add(e.Object.Key.Name);
            }
            else
            {
                _terminating.Remove(e.Object.Key.Name);
            }
        }

        Queue.Add(e.Object.Key);
    }

    /// <summary>Content leaving a terminating namespace may be the last of it.</summary>
    private void OnContent(StoreEvent e)
    {
        if (e.Type != StoreEventType.Deleted)
        {
            return;
        }

        bool terminating;
        lock (_lock)
        {
            terminating = _terminating.Contains(e.Object.Key.Namespace);
        }

        if (terminating)
        {
            Queue.Add(new ObjectKey("", e.Object.Key.Namespace));
        }
    }
}
