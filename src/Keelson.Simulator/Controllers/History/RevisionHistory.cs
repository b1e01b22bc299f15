using System.Text.Json.Nodes;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;

namespace Keelson.Simulator.Controllers.History;

/// <summary>
/// The ControllerRevisions of workloads, as kube's <c>pkg/controller/history</c> keeps them:
/// listed by the owner's selector, orphans adopted, created with the owner as controller,
/// renumbered on roll-back, deleted when history is trimmed.
/// </summary>
public sealed class RevisionHistory
{
    private readonly SimulationContext _cluster;
    private readonly string _manager;

    /// <summary>Creates the history of one controller (its name is the field manager of its writes).</summary>
    public RevisionHistory(SimulationContext cluster, string manager)
    {
        _cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
        _manager = manager;
    }

    /// <summary>
    /// The revisions of <paramref name="owner"/>: those matching <paramref name="selector"/> that it
    /// controls or that have no controller (which it adopts), sorted oldest first.
    /// </summary>
    public List<Revision> List(string @namespace, ControllerReference owner, LabelMatcher selector)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(selector);
        var table = _cluster.Store.Table(_cluster.Kinds.ControllerRevision);
        var revisions = new List<Revision>();
        foreach (var stored in table.List(@namespace, r => selector.Matches(r.Labels)).Items)
        {
            // A workload has a handful of revisions: they are parsed each pass rather than cached.
            var revision = Revision.Read(stored);
            if (revision.ControllerUid is null)
            {
                revision = Adopt(@namespace, owner, revision) ?? revision;
            }

            if (revision.ControllerUid == owner.Uid)
            {
                revisions.Add(revision);
            }
        }

        revisions.Sort(Revision.Compare);
        return revisions;
    }

    /// <summary>
    /// Creates a revision; null when the name is taken (the caller decides whether that is its own
    /// revision or a hash collision).
    /// </summary>
    public Revision? Create(string @namespace, string name, ControllerReference owner, IEnumerable<KeyValuePair<string, string>> labels, JsonObject? annotations, JsonObject data, long number)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(labels);
        var meta = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = @namespace,
            ["labels"] = new JsonObject(labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
        };
        if (annotations is { Count: > 0 })
        {
            meta["annotations"] = annotations.DeepClone();
        }

        meta["ownerReferences"] = new JsonArray(PodTemplate.OwnerReference(owner));
        var obj = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ControllerRevision",
            ["metadata"] = meta,
            ["data"] = data.DeepClone(),
            ["revision"] = number,
        };
        try
        {
            return Revision.Read(_cluster.Registry.Create(_cluster.Kinds.ControllerRevision, @namespace, obj, WriteContext.For(_manager)));
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            return null;
        }
    }

    /// <summary>The stored revision named <paramref name="name"/>, or null.</summary>
    public Revision? Get(string @namespace, string name) =>
        _cluster.Registry.Get(_cluster.Kinds.ControllerRevision, @namespace, name) is { } stored ? Revision.Read(stored) : null;

    /// <summary>Gives a revision a new number (a roll-back to an older template makes it the newest).</summary>
    public Revision Renumber(string @namespace, Revision revision, long number)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var stored = _cluster.Registry.Mutate(_cluster.Kinds.ControllerRevision, @namespace, revision.Name, _manager, obj =>
        {
            obj["revision"] = number;
            return true;
        }) ?? throw ApiException.NotFound(_cluster.Kinds.ControllerRevision, revision.Name);
        return Revision.Read(stored);
    }

    /// <summary>Deletes a revision (gone already is fine).</summary>
    public void Delete(string @namespace, string name)
    {
        try
        {
            _cluster.Registry.Delete(_cluster.Kinds.ControllerRevision, @namespace, name, new DeleteOptions());
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Someone else removed it.
        }
    }

    private Revision? Adopt(string @namespace, ControllerReference owner, Revision orphan)
    {
        var stored = _cluster.Registry.Mutate(_cluster.Kinds.ControllerRevision, @namespace, orphan.Name, _manager, obj =>
        {
            var meta = (JsonObject)obj["metadata"]!;
            var owners = meta["ownerReferences"] as JsonArray ?? [];
            if (owners.Any(o => o?["controller"]?.GetValue<bool>() == true))
            {
                return false;
            }

            owners.Add(PodTemplate.OwnerReference(owner));
            meta["ownerReferences"] = owners;
            return true;
        });
        return stored is null ? null : Revision.Read(stored);
    }
}
