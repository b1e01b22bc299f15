using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// Field ownership in <c>metadata.managedFields</c>, as kube-apiserver's field manager keeps it:
/// <list type="bullet">
/// <item><see cref="Apply"/> is server-side apply — merge by the schema's list semantics, take ownership of the applied
/// fields, remove fields this manager applied before and nobody owns any more, and refuse (409) to change fields other
/// managers own unless forced;</item>
/// <item><see cref="Update"/> records a create, update or non-apply patch: the writer takes the fields it changed
/// and other managers lose them.</item>
/// </list>
/// Entries are told apart by manager, operation, API version (updates only) and subresource; ownership of
/// <c>apiVersion</c>, <c>kind</c> and system metadata is never recorded; at most ten update entries are kept
/// (older ones merge into <c>ancient-changes</c>). Applies by the <c>kubectl</c> manager also migrate objects from
/// client-side apply: conflicts with values still matching the <c>last-applied-configuration</c> annotation are
/// taken over, and the annotation is kept in step.
/// </summary>
public sealed class FieldManager
{
    /// <summary>The annotation client-side <c>kubectl apply</c> keeps its last configuration in.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private const int MaxUpdateManagers = 10;
    private const string AncientChangesManager = "ancient-changes";
    private const string KubectlManager = "kubectl";
    private const int MaxAnnotationsSize = 256 * 1024;

    private static readonly FieldSet SystemFields = SystemFieldSet();

    private readonly SchemaRegistry _registry;
    private readonly TimeProvider _time;

    /// <summary>Creates a field manager over the kinds of <paramref name="registry"/>, stamping entries with <paramref name="time"/>.</summary>
    public FieldManager(SchemaRegistry registry, TimeProvider time)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The manager name kube-apiserver records for a request: the <c>fieldManager</c> parameter, else the user agent up to its first <c>/</c>.</summary>
    /// <param name="fieldManager">The <c>fieldManager</c> query parameter.</param>
    /// <param name="userAgent">The <c>User-Agent</c> header, e.g. <c>kubectl/v1.30.0 (linux/amd64) kubernetes/abc</c>.</param>
    public static string ManagerFor(string? fieldManager, string? userAgent) =>
        !string.IsNullOrEmpty(fieldManager) ? fieldManager : (userAgent ?? "").Split('/')[0];

    /// <summary>
    /// Records a non-apply write (create, update, JSON/merge/strategic patch) by <paramref name="manager"/>:
    /// returns <paramref name="updated"/> with <c>metadata.managedFields</c> set as kube-apiserver would store it.
    /// </summary>
    /// <param name="kind">The kind written (the endpoint's group, version and kind).</param>
    /// <param name="live">The stored object before the write; null for a create.</param>
    /// <param name="updated">The object about to be stored. Its own <c>managedFields</c>, when it has entries and the
    /// write is not to a subresource, replace the stored ones (that is how clients reset them, e.g. with <c>[{}]</c>).</param>
    /// <param name="manager">The field manager (<see cref="ManagerFor"/>).</param>
    /// <param name="subresource">The subresource written through (<c>status</c>, <c>scale</c>), or null.</param>
    public JsonObject Update(GroupVersionKind kind, JsonObject? live, JsonObject updated, string manager, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var schema = SchemaOf(kind);
        var ignored = ResetFields(kind, subresource);
        Dictionary<ManagerIdentity, ManagerFields>? managers = null;
        if (string.IsNullOrEmpty(subresource) && updated["metadata"]?["managedFields"] is JsonArray { Count: > 0 })
        {
            managers = ManagedFieldsCodec.Decode(updated, out var readable);
            managers = readable && managers.Count > 0 ? managers : null;
        }

        managers ??= ManagedFieldsCodec.Decode(live, out _);

        var before = Typed(live, schema);
        var after = Typed(updated, schema);
        var comparison = StructuredMerge.Compare(before, after, schema).Without(ignored);
        foreach (var identity in managers.Keys.ToList())
        {
            var owned = managers[identity].Fields;
            var changed = owned.Intersection(comparison.Modified.Union(comparison.Added));
            managers[identity] = managers[identity] with { Fields = owned.Difference(changed).Difference(comparison.Removed).Difference(SystemFields) };
        }

        var current = comparison.Modified.Union(comparison.Added).Difference(SystemFields);
        if (!current.IsEmpty)
        {
            var identity = new ManagerIdentity(manager, ManagerIdentity.UpdateOperation, kind.ApiVersion, subresource ?? "");
            var previous = managers.GetValueOrDefault(identity)?.Fields ?? new FieldSet();
            managers[identity] = new ManagerFields(identity, current.Union(previous), kind.ApiVersion, _time.GetUtcNow());
        }

        CapUpdateManagers(managers);
        var result = (JsonObject)updated.DeepClone();
        ManagedFieldsCodec.Encode(result, managers.Values);
        return result;
    }

    /// <summary>
    /// Server-side apply of <paramref name="applied"/> by <paramref name="manager"/>: returns the object to store,
    /// decoded as kube-apiserver stores it, with <c>metadata.managedFields</c> set. When nothing changes, the stored
    /// object is returned with its (possibly changed) ownership.
    /// </summary>
    /// <param name="kind">The kind of the endpoint applied to.</param>
    /// <param name="live">The stored object; null when the apply creates it.</param>
    /// <param name="applied">The applied configuration (the request body, parsed; see <see cref="FieldValidation"/> for duplicate fields).</param>
    /// <param name="manager">The field manager; required for apply.</param>
    /// <param name="force">The <c>force</c> parameter: take over fields other managers own instead of failing.</param>
    /// <param name="subresource">The subresource applied through (<c>status</c>), or null.</param>
    /// <exception cref="ApplyConflictException">Another manager owns a field the configuration changes, and <paramref name="force"/> is false.</exception>
    /// <exception cref="PatchException">
    /// 400 when the configuration is for another kind or carries <c>managedFields</c>; 500 with kube-apiserver's
    /// <c>failed to create typed patch object</c> message when it has fields the schema does not declare or values of the wrong type.
    /// </exception>
    public JsonObject Apply(GroupVersionKind kind, JsonObject? live, JsonObject applied, string manager, bool force, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var schema = SchemaOf(kind);
        var appliedKind = GroupVersionKind.FromApiVersion(Text(applied["apiVersion"]), Text(applied["kind"]));
        if (appliedKind != kind)
        {
            throw PatchException.BadRequest($"invalid object type: {appliedKind}");
        }

        if (applied["metadata"]?["managedFields"] is not null)
        {
            throw PatchException.BadRequest("metadata.managedFields must be nil");
        }

        FieldSet appliedFields;
        try
        {
            appliedFields = StructuredMerge.ToFieldSet(applied, schema, strict: true);
        }
        catch (FieldPathException e)
        {
            var metadata = applied["metadata"];
            throw PatchException.Internal($"failed to create typed patch object ({Text(metadata?["namespace"])}/{Text(metadata?["name"])}; {kind}): {e.Message}");
        }

        var ignored = ResetFields(kind, subresource);
        var identity = new ManagerIdentity(manager, ManagerIdentity.ApplyOperation, "", subresource ?? "");
        var liveTyped = Typed(live, schema);
        var outcome = ApplyOwnership(liveTyped, applied, appliedFields.RecursiveDifference(ignored), ManagedFieldsCodec.Decode(live, out _), identity, kind, schema, ignored, force);
        if (outcome.Conflicts.Count > 0 && manager == KubectlManager && OnlyClientSideApplied(outcome.Conflicts, live, liveTyped, schema))
        {
            outcome = ApplyOwnership(liveTyped, applied, appliedFields.RecursiveDifference(ignored), ManagedFieldsCodec.Decode(live, out _), identity, kind, schema, ignored, force: true);
        }

        if (outcome.Conflicts.Count > 0)
        {
            throw new ApplyConflictException(outcome.Conflicts);
        }

        var managers = outcome.Managers;
        var unchanged = JsonTree.Same(liveTyped, outcome.Merged);
        if (!unchanged)
        {
            managers[identity] = managers[identity] with { Time = _time.GetUtcNow() };
        }

        CapUpdateManagers(managers);
        var result = unchanged && live is not null
            ? (JsonObject)live.DeepClone()
            : ObjectDecoder.Decode((JsonObject)outcome.Merged!, schema, null, collectStrict: false).Object;
        KeepResetFields(result, live, schema, kind, subresource);
        if (manager == KubectlManager && result["metadata"]?["annotations"]?[LastAppliedAnnotation] is not null)
        {
            SetLastApplied(result, applied);
        }

        ManagedFieldsCodec.Encode(result, managers.Values);
        return result;
    }

    private static ApplyOutcome ApplyOwnership(
        JsonNode liveTyped,
        JsonObject applied,
        FieldSet appliedFields,
        Dictionary<ManagerIdentity, ManagerFields> managers,
        ManagerIdentity identity,
        GroupVersionKind kind,
        TypeSchema schema,
        FieldSet ignored,
        bool force)
    {
        var merged = StructuredMerge.Merge(liveTyped, applied, schema);
        var lastSet = managers.GetValueOrDefault(identity)?.Fields;
        managers[identity] = new ManagerFields(identity, appliedFields, kind.ApiVersion, managers.GetValueOrDefault(identity)?.Time);
        merged = Prune(merged, managers, lastSet, schema);

        var comparison = StructuredMerge.Compare(liveTyped, merged, schema).Without(ignored);
        var changed = comparison.Modified.Union(comparison.Added);
        var conflicts = new List<(ManagerIdentity, string)>();
        foreach (var (other, fields) in managers.Where(m => m.Key != identity).OrderBy(m => m.Key.Describe(), StringComparer.Ordinal))
        {
            conflicts.AddRange(fields.Fields.Intersection(changed).Paths().Select(p => (other, PathElement.Format(p))));
        }

        if (conflicts.Count > 0 && !force)
        {
            return new ApplyOutcome(merged, managers, conflicts);
        }

        foreach (var other in managers.Keys.Where(k => k != identity).ToList())
        {
            var owned = managers[other].Fields;
            managers[other] = managers[other] with { Fields = owned.Difference(owned.Intersection(changed)).Difference(comparison.Removed) };
        }

        foreach (var key in managers.Keys.ToList())
        {
            managers[key] = managers[key] with { Fields = managers[key].Fields.Difference(SystemFields) };
            if (managers[key].Fields.IsEmpty)
            {
                managers.Remove(key);
            }
        }

        managers.TryAdd(identity, new ManagerFields(identity, new FieldSet(), kind.ApiVersion, null));
        return new ApplyOutcome(merged, managers, []);
    }

    /// <summary>
    /// Removes what the applier applied last time but no longer applies, unless another manager (or the new
    /// configuration) owns it; fields nobody ever owned stay.
    /// </summary>
    private static JsonNode? Prune(JsonNode? merged, Dictionary<ManagerIdentity, ManagerFields> managers, FieldSet? lastSet, TypeSchema schema)
    {
        if (lastSet is null || lastSet.IsEmpty)
        {
            return merged;
        }

        FieldSet Named(FieldSet set) => StructuredMerge.EnsureNamedFieldsAreMembers(set, schema);
        FieldSet FieldsOf(JsonNode? value) => Named(StructuredMerge.ToFieldSet(value, schema, strict: false));

        var last = Named(lastSet);
        var owned = Named(managers.Values.Aggregate(new FieldSet(), (all, m) => all.Union(m.Fields)));
        var mergedFields = FieldsOf(merged);
        var withoutLast = StructuredMerge.RemoveItems(merged, last, schema);
        var ownedBack = StructuredMerge.RemoveItems(merged, mergedFields.Difference(FieldsOf(withoutLast).Union(owned)), schema);
        return StructuredMerge.RemoveItems(merged, mergedFields.Difference(FieldsOf(ownedBack)).Intersection(last), schema);
    }

    /// <summary>Whether every conflict is a field client-side apply last set to the value it still has (kubectl's migration to server-side apply).</summary>
    private static bool OnlyClientSideApplied(IReadOnlyList<(ManagerIdentity Manager, string Path)> conflicts, JsonObject? live, JsonNode liveTyped, TypeSchema schema)
    {
        if (live?["metadata"]?["annotations"]?[LastAppliedAnnotation] is not JsonValue annotation
            || annotation.GetValue<string>() is not { Length: > 0 } text)
        {
            return false;
        }

        JsonNode? lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        var lastFields = StructuredMerge.ToFieldSet(lastApplied, schema, strict: false);
        var comparison = StructuredMerge.Compare(lastApplied, liveTyped, schema);
        var allowed = lastFields.Difference(comparison.Modified).Difference(comparison.Added).Difference(comparison.Removed);
        var allowedPaths = allowed.Paths().Select(PathElement.Format).ToHashSet(StringComparer.Ordinal);
        return conflicts.All(c => allowedPaths.Contains(c.Path));
    }

    private static void SetLastApplied(JsonObject result, JsonObject applied)
    {
        var config = (JsonObject)applied.DeepClone();
        (config["metadata"]?["annotations"] as JsonObject)?.Remove(LastAppliedAnnotation);
        var annotations = (JsonObject)result["metadata"]!["annotations"]!;
        annotations[LastAppliedAnnotation] = GoText.Json(config) + "\n";
        if (annotations.Sum(a => a.Key.Length + (a.Value?.GetValue<string>().Length ?? 0)) > MaxAnnotationsSize)
        {
            annotations.Remove(LastAppliedAnnotation);
        }
    }

    /// <summary>Keeps what the write's endpoint may not change: status through the main resource, spec through <c>status</c>.</summary>
    private void KeepResetFields(JsonObject result, JsonObject? live, TypeSchema schema, GroupVersionKind kind, string? subresource)
    {
        var reset = string.IsNullOrEmpty(subresource)
            ? _registry.ResourceFor(kind)?.HasSubresource("status") == true ? "status" : null
            : subresource == "status" ? "spec" : null;
        if (reset is not null && schema.FindField(reset) is { } field)
        {
            result[reset] = live?[reset]?.DeepClone() ?? GoZero.Of(field.Type, field.Pointer);
        }
    }

    /// <summary>The fields a write through <paramref name="subresource"/> cannot change, so nobody owns them through it.</summary>
    private FieldSet ResetFields(GroupVersionKind kind, string? subresource)
    {
        var set = new FieldSet();
        if (string.IsNullOrEmpty(subresource))
        {
            if (_registry.ResourceFor(kind)?.HasSubresource("status") == true)
            {
                set.Insert([PathElement.Field("status")]);
            }
        }
        else if (subresource == "status")
        {
            set.Insert([PathElement.Field("spec")]);
        }

        return set;
    }

    /// <summary>Merges the oldest update entries into <c>ancient-changes</c> entries (one per API version) once there are more than ten.</summary>
    private static void CapUpdateManagers(Dictionary<ManagerIdentity, ManagerFields> managers)
    {
        var updaters = managers.Values
            .Where(m => !m.Identity.IsApplier)
            .OrderBy(m => m.Time?.ToUnixTimeSeconds() ?? 0)
            .ThenBy(m => m.Identity.Manager, StringComparer.Ordinal)
            .ToList();
        var count = updaters.Count;
        var firstOfVersion = new Dictionary<string, ManagerIdentity>(StringComparer.Ordinal);
        for (var i = 0; i < updaters.Count && count > MaxUpdateManagers; i++)
        {
            var updater = updaters[i];
            var bucket = new ManagerIdentity(AncientChangesManager, ManagerIdentity.UpdateOperation, updater.ApiVersion, "");
            if (!firstOfVersion.TryGetValue(updater.ApiVersion, out var first))
            {
                firstOfVersion[updater.ApiVersion] = updater.Identity;
                continue;
            }

            if (!managers.TryGetValue(bucket, out var merged))
            {
                merged = managers[first] with { Identity = bucket };
                managers.Remove(first);
            }

            managers[bucket] = merged with { Fields = updater.Fields.Union(merged.Fields), Time = updater.Time };
            managers.Remove(updater.Identity);
            count--;
        }
    }

    private TypeSchema SchemaOf(GroupVersionKind kind) =>
        _registry.For(kind) ?? throw new ArgumentException($"no schema for {kind}; the field manager only knows the registry's kinds", nameof(kind));

    /// <summary>The object as kube-apiserver's typed value sees it: without managedFields, with every field Go always writes.</summary>
    private static JsonNode Typed(JsonObject? obj, TypeSchema schema)
    {
        var copy = obj is null ? GoZero.Skeleton(schema) : (JsonObject)obj.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return GoZero.Fill(copy, schema)!;
    }

    private static FieldSet SystemFieldSet()
    {
        var set = new FieldSet();
        set.Insert([PathElement.Field("apiVersion")]);
        set.Insert([PathElement.Field("kind")]);
        set.Insert([PathElement.Field("metadata")]);
        foreach (var name in new[] { "name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion" })
        {
            set.Insert([PathElement.Field("metadata"), PathElement.Field(name)]);
        }

        return set;
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    private sealed record ApplyOutcome(JsonNode? Merged, Dictionary<ManagerIdentity, ManagerFields> Managers, IReadOnlyList<(ManagerIdentity Manager, string Path)> Conflicts);
}
