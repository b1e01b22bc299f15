using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Api;
using Keelson.Simulator.Patching;
using Keelson.Simulator.Schema;
using Keelson.Simulator.Registry.Strategies;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Registry;

/// <summary>
/// kube-apiserver's generic registry for one cluster: the rules every write follows whatever
/// the kind — names and generateName, uid and timestamps, resource-version preconditions,
/// generation, status versus spec, finalizers and graceful deletion — around the per-kind
/// strategies, defaulting and validation. HTTP handlers and the simulator's own controllers
/// both write through it, so a controller's write is exactly what a client's would be.
/// </summary>
public sealed partial class ObjectRegistry
{
    private const string NameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private static readonly string[] LeadingFields = ["kind", "apiVersion", "metadata", "spec"];
    private static readonly string[] SystemFields = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"];

    private readonly ClusterStore _store;
    private readonly TimeProvider _time;
    private readonly ServiceAddressAllocator _serviceIps = new();
    private readonly FieldManager _fields;

    /// <summary>Creates the registry of one cluster's store.</summary>
    public ObjectRegistry(ClusterStore store, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _fields = new FieldManager(SchemaRegistry.BuiltIn, time);
    }

    /// <summary>The store written to.</summary>
    public ClusterStore Store => _store;

    /// <summary>Seconds new pods tolerate a not-ready or unreachable node (the DefaultTolerationSeconds admission plugin's 300).</summary>
    public int DefaultTolerationSeconds { get; set; } = 300;

    /// <summary>The stored object, or null.</summary>
    public StoredObject? Get(ResourceKind kind, string? @namespace, string name) =>
        _store.Table(kind).Get(new ObjectKey(kind.Resource.Namespaced ? @namespace ?? "" : "", name));

    /// <summary>Parses a stored object for reading or changing.</summary>
    public static JsonObject Parse(StoredObject stored) => JsonNode.Parse(stored.Json)!.AsObject();

    /// <summary>Creates an object (POST).</summary>
    /// <exception cref="ApiException">AlreadyExists, Invalid, NotFound for the namespace, BadRequest...</exception>
    public StoredObject Create(ResourceKind kind, string? @namespace, JsonObject obj, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(context);
        var key = PrepareCreate(kind, @namespace, obj, context);
        if (context.DryRun)
        {
            return Transient(kind, key, obj);
        }

        var e = _store.Table(kind).Write(key, current => current is null ? Mutation.Put(obj) : throw ApiException.AlreadyExists(kind, key.Name));
        return e!.Object;
    }

    /// <summary>Replaces an object (PUT), or its status with <paramref name="subresource"/> <c>status</c>.</summary>
    public StoredObject Update(ResourceKind kind, string? @namespace, string name, JsonObject obj, string? subresource, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(context);
        CheckTypeMeta(kind, obj);
        var bodyName = Metadata(obj)["name"]?.GetValue<string>();
        if (bodyName is not null && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var key = Key(kind, @namespace, name);
        return WriteExisting(kind, key, context, allowCreate: subresource is null && AllowsCreateOnUpdate(kind), current =>
        {
            var desired = obj.DeepClone().AsObject();
            if (current is null)
            {
                PrepareCreate(kind, key.Namespace, desired, context);
                return desired;
            }

            var old = Parse(current);
            CheckPreconditions(kind, name, current, Metadata(desired)["resourceVersion"]?.GetValue<string>(), Metadata(desired)["uid"]?.GetValue<string>());
            return PrepareUpdate(kind, old, desired, subresource, context);
        });
    }

    /// <summary>Patches an object or its status; an apply patch creates the object when it does not exist.</summary>
    public StoredObject Patch(ResourceKind kind, string? @namespace, string name, PatchKind type, ReadOnlyMemory<byte> body, JsonObject? appliedObject, string? subresource, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = Key(kind, @namespace, name);
        return WriteExisting(kind, key, context, allowCreate: type == PatchKind.Apply && subresource is null, current =>
        {
            if (current is null)
            {
                var created = _fields.Apply(Gvk(kind), null, appliedObject!, context.FieldManager, context.Force, subresource);
                Metadata(created)["name"] ??= name;
                PrepareCreate(kind, key.Namespace, created, context);
                return created;
            }

            var old = Parse(current);
            var patched = type == PatchKind.Apply
                ? _fields.Apply(Gvk(kind), old, appliedObject!, context.FieldManager, context.Force, subresource)
                : ObjectMachinery.Patch(kind, type, old, body, context);
            CheckTypeMeta(kind, patched);
            var meta = Metadata(patched);
            if (meta["name"]?.GetValue<string>() != name)
            {
                throw new ApiException(422, "Invalid", $"{kind.Resource.Kind} \"{name}\" is invalid: metadata.name: Invalid value: \"{meta["name"]}\": field is immutable");
            }

            CheckPreconditions(kind, name, current, meta["resourceVersion"]?.GetValue<string>(), meta["uid"]?.GetValue<string>());
            return PrepareUpdate(kind, old, patched, subresource, context);
        });
    }

    /// <summary>
    /// Reads, changes and writes an object atomically, for the simulator's controllers:
    /// <paramref name="change"/> edits the object and returns false to leave it as it is.
    /// Status changes are kept (controllers own status). Returns null when the object is gone.
    /// </summary>
    public StoredObject? Mutate(ResourceKind kind, string? @namespace, string name, string manager, Func<JsonObject, bool> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var context = WriteContext.For(manager);
        var key = Key(kind, @namespace, name);
        StoredObject? result = null;
        _store.Table(kind).Write(key, current =>
        {
            result = current;
            if (current is null)
            {
                return Mutation.None;
            }

            var old = Parse(current);
            var updated = old.DeepClone().AsObject();
            if (!change(updated))
            {
                return Mutation.None;
            }

            var prepared = PrepareUpdate(kind, old, updated, subresource: "*", context);
            return Decide(current, old, prepared, context, out _);
        });
        return result is null ? null : _store.Table(kind).Get(key);
    }

    private StoredObject WriteExisting(ResourceKind kind, ObjectKey key, WriteContext context, bool allowCreate, Func<StoredObject?, JsonObject> produce)
    {
        StoredObject? unchanged = null;
        JsonObject? dryRun = null;
        var e = _store.Table(kind).Write(key, current =>
        {
            if (current is null && !allowCreate)
            {
                throw ApiException.NotFound(kind, key.Name);
            }

            var updated = produce(current);
            if (current is null)
            {
                if (context.DryRun)
                {
                    dryRun = updated;
                    return Mutation.None;
                }

                return Mutation.Put(updated);
            }

            var mutation = Decide(current, Parse(current), updated, context, out var same);
            if (same)
            {
                unchanged = current;
            }
            else if (context.DryRun)
            {
                dryRun = updated;
            }

            return mutation;
        });
        return e?.Object ?? unchanged ?? Transient(kind, key, dryRun!);
    }

    /// <summary>
    /// Whether and how to store an updated object: nothing when unchanged (no new resource
    /// version, no event), removal when the last finalizer of a deleted object is gone.
    /// </summary>
    private static Mutation Decide(StoredObject current, JsonObject old, JsonObject updated, WriteContext context, out bool same)
    {
        same = SameIgnoringVersion(old, updated);
        if (same || context.DryRun)
        {
            return Mutation.None;
        }

        var meta = Metadata(updated);
        if (meta["deletionTimestamp"] is not null && !HasPendingFinalizers(updated) && !AwaitsKubelet(current, updated) && !IsNamespace(updated))
        {
            return Mutation.Delete;
        }

        return Mutation.Put(updated);
    }

    /// <summary>Whether something still holds the object: metadata finalizers, or a namespace's <c>spec.finalizers</c>.</summary>
    internal static bool HasPendingFinalizers(JsonObject obj) =>
        Metadata(obj)["finalizers"] is JsonArray { Count: > 0 } ||
        (obj["kind"]?.GetValue<string>() == "Namespace" && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 });

    /// <summary>
    /// A namespace leaves storage only when deleted again once its finalizers are done (the
    /// namespace controller does that): kube-apiserver gives namespaces no deletion grace period,
    /// so an update never removes one.
    /// </summary>
    private static bool IsNamespace(JsonObject obj) => obj["kind"]?.GetValue<string>() == "Namespace";

    /// <summary>A terminating pod on a node stays until its kubelet confirms it stopped (grace period 0).</summary>
    private static bool AwaitsKubelet(StoredObject current, JsonObject updated) =>
        current.Key.Namespace.Length > 0 && updated["kind"]?.GetValue<string>() == "Pod" &&
        updated["spec"]?["nodeName"] is not null && Metadata(updated)["deletionGracePeriodSeconds"]?.GetValue<long>() is > 0;

    private ObjectKey PrepareCreate(ResourceKind kind, string? @namespace, JsonObject obj, WriteContext context)
    {
        CheckTypeMeta(kind, obj);
        if (Validation.ObjectValidator.HasResourceVersionOnCreate(obj))
        {
            throw ApiException.FromStatus(Validation.ValidationStatus.ResourceVersionSetOnCreate());
        }

        var meta = Metadata(obj);
        var ns = ResolveNamespace(kind, @namespace, meta);
        var name = meta["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            var prefix = meta["generateName"]?.GetValue<string>();
            if (string.IsNullOrEmpty(prefix))
            {
                throw new ApiException(422, "Invalid",
                    $"{kind.Resource.Kind}.{kind.Resource.Group} \"\" is invalid: metadata.name: Required value: name or generateName is required".Replace(". \"", " \"", StringComparison.Ordinal),
                    new JsonObject
                    {
                        ["kind"] = kind.Resource.Kind,
                        ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueRequired", ["message"] = "Required value: name or generateName is required", ["field"] = "metadata.name" }),
                    });
            }

            name = prefix + RandomSuffix();
            meta["name"] = name;
        }

        if (kind.Resource.Namespaced)
        {
            EnsureNamespaceAcceptsObjects(ns, kind, name);
        }

        var now = _time.GetUtcNow();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = TimeText(now);
        meta.Remove("resourceVersion");
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        if (kind.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }

        KindStrategies.For(kind)?.PrepareForCreate(obj, new StrategyContext(_serviceIps, now, DefaultTolerationSeconds));
        ObjectMachinery.Default(kind, obj, create: true);
        ObjectMachinery.Validate(kind, obj, null);
        if (!context.Apply)
        {
            ReplaceWith(obj, _fields.Update(Gvk(kind), null, obj, context.FieldManager));
        }

        Order(obj);
        return new ObjectKey(ns, name);
    }

    /// <summary>
    /// Turns a desired object into what gets stored on update: system fields from the stored
    /// object, status or spec kept depending on the subresource written (<c>*</c>: both
    /// writable, for controllers), generation bumped on a spec change, defaulted and validated.
    /// </summary>
    private JsonObject PrepareUpdate(ResourceKind kind, JsonObject old, JsonObject updated, string? subresource, WriteContext context)
    {
        var meta = Metadata(updated);
        var oldMeta = Metadata(old);
        meta["namespace"] = oldMeta["namespace"]?.DeepClone();
        foreach (var field in SystemFields)
        {
            meta[field] = oldMeta[field]?.DeepClone();
            if (meta[field] is null)
            {
                meta.Remove(field);
            }
        }

        meta.Remove("selfLink");
        if (subresource == "finalize")
        {
            // Through /finalize only a namespace's spec.finalizers move.
            var result = old.DeepClone().AsObject();
            ((JsonObject)(result["spec"] ??= new JsonObject()))["finalizers"] = updated["spec"]?["finalizers"]?.DeepClone() ?? new JsonArray();
            updated = result;
            meta = Metadata(updated);
        }
        else if (subresource == "status")
        {
            // Through /status only status moves (and labels/annotations stay as stored).
            var status = updated["status"]?.DeepClone();
            var result = old.DeepClone().AsObject();
            result["status"] = status;
            Metadata(result)["resourceVersion"] = meta["resourceVersion"]?.DeepClone();
            updated = result;
            meta = Metadata(updated);
        }
        else
        {
            if (kind.HasStatusSubresource && subresource is null)
            {
                updated["status"] = old["status"]?.DeepClone();
            }

            if (subresource != "*")
            {
                KindStrategies.For(kind)?.PrepareForUpdate(updated, old, new StrategyContext(_serviceIps, _time.GetUtcNow(), DefaultTolerationSeconds));
            }

        }

        if (updated["status"] is null)
        {
            updated.Remove("status");
        }

        ObjectMachinery.Default(kind, updated, create: false);
        // Compared after defaulting: a client that leaves out zero values has not changed the spec.
        if (kind.TracksGeneration && subresource is not ("status" or "finalize") && !JsonNode.DeepEquals(old["spec"], updated["spec"]))
        {
            meta["generation"] = (oldMeta["generation"]?.GetValue<long>() ?? 0) + 1;
        }

        if (subresource != "*")
        {
            // The simulator's own components (binding, kubelet status) write fields clients may not change.
            ObjectMachinery.Validate(kind, updated, old);
        }

        if (!context.Apply)
        {
            updated = _fields.Update(Gvk(kind), old, updated, context.FieldManager, subresource is "status" or "scale" ? subresource : null);
        }

        Order(updated);
        return updated;
    }

    private static void CheckPreconditions(ResourceKind kind, string name, StoredObject current, string? resourceVersion, string? uid)
    {
        if (!string.IsNullOrEmpty(uid) && uid != current.Uid)
        {
            throw ApiException.Conflict(kind, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
        }

        if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw ApiException.Conflict(kind, name);
        }
    }

    private static void CheckTypeMeta(ResourceKind kind, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        // Like kube-apiserver, a body without apiVersion/kind takes them from the URL it was sent to.
        var objKind = obj["kind"]?.GetValue<string>() is { Length: > 0 } k ? k : kind.Resource.Kind;

        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != kind.Resource.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({kind.Resource.ApiVersion})");
        }

        if (objKind != kind.Resource.Kind)
        {
            throw ApiException.BadRequest($"{objKind} in version \"{kind.Resource.Version}\" cannot be handled as a {kind.Resource.Kind}: the kind of the object ({objKind}) does not match the resource ({kind.Resource.Plural})");
        }

        obj["apiVersion"] = kind.Resource.ApiVersion;
        obj["kind"] = kind.Resource.Kind;
        obj["metadata"] ??= new JsonObject();
    }

    private static string ResolveNamespace(ResourceKind kind, string? pathNamespace, JsonObject meta)
    {
        if (!kind.Resource.Namespaced)
        {
            meta.Remove("namespace");
            return "";
        }

        var bodyNamespace = meta["namespace"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(pathNamespace) && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != pathNamespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var ns = !string.IsNullOrEmpty(pathNamespace) ? pathNamespace : bodyNamespace;
        if (string.IsNullOrEmpty(ns))
        {
            throw ApiException.BadRequest($"{kind.Resource.Kind} is namespaced: set metadata.namespace or post to /namespaces/NAMESPACE/{kind.Resource.Plural}");
        }

        meta["namespace"] = ns;
        return ns;
    }

    private void EnsureNamespaceAcceptsObjects(string ns, ResourceKind kind, string name)
    {
        var namespaces = _store.Catalog.ByKind("v1", "Namespace")!;
        var stored = _store.Table(namespaces).Get(new ObjectKey("", ns)) ?? throw ApiException.NotFound(namespaces, ns);
        if (stored.Terminating)
        {
            throw ApiException.Forbidden(kind, name, $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private static bool AllowsCreateOnUpdate(ResourceKind kind) =>
        kind.Resource.Kind is "Lease" or "Endpoints" && kind.Resource.Group is "" or "coordination.k8s.io";

    private static bool SameIgnoringVersion(JsonObject old, JsonObject updated)
    {
        var a = old.DeepClone().AsObject();
        var b = updated.DeepClone().AsObject();
        foreach (var o in new[] { a, b })
        {
            Metadata(o).Remove("resourceVersion");
            Metadata(o).Remove("managedFields");
        }

        return JsonNode.DeepEquals(a, b);
    }

    private static StoredObject Transient(ResourceKind kind, ObjectKey key, JsonObject obj) =>
        new(key, Metadata(obj)["uid"]?.GetValue<string>() ?? "", 0, JsonPaths.Serialize(obj), null, new string?[kind.SelectableFields.Count], false);

    /// <summary>Writes fields in the order kube-apiserver does: apiVersion, kind, metadata, spec, then the rest, status last.</summary>
    private static void Order(JsonObject obj)
    {
        var rest = obj.Where(p => p.Key is not ("apiVersion" or "kind" or "metadata" or "spec" or "status")).Select(p => p.Key).ToList();
        foreach (var key in LeadingFields.Concat(rest).Append("status"))
        {
            if (obj[key] is { } node)
            {
                obj.Remove(key);
                obj[key] = node;
            }
        }
    }

    private static GroupVersionKind Gvk(ResourceKind kind) => new(kind.Resource.Group, kind.Resource.Version, kind.Resource.Kind);

    /// <summary>Makes <paramref name="target"/> hold <paramref name="source"/>'s fields (callers keep their reference).</summary>
    private static void ReplaceWith(JsonObject target, JsonObject source)
    {
        if (ReferenceEquals(target, source))
        {
            return;
        }

        target.Clear();
        foreach (var (key, value) in source.ToList())
        {
            source.Remove(key);
            target[key] = value;
        }
    }

    internal static JsonObject Metadata(JsonObject obj) =>
        obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    private static ObjectKey Key(ResourceKind kind, string? @namespace, string name) =>
        new(kind.Resource.Namespaced ? @namespace ?? "" : "", name);

    internal static string TimeText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string RandomSuffix()
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = NameSuffixAlphabet[RandomNumberGenerator.GetInt32(NameSuffixAlphabet.Length)];
        }

        return new string(suffix);
    }
}
