using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.GarbageCollection;

/// <summary>
/// Adding and removing owner references the way controllers adopt and release objects
/// (kube's <c>ControllerRefManager</c>) and the garbage collector drops dangling ones: always
/// on the current object, and only if it is still the one (same uid) the caller looked at.
/// </summary>
internal static class OwnerReferences
{
    /// <summary>
    /// Makes <paramref name="owner"/> the controller of an object that has none, adding
    /// <paramref name="finalizer"/> in the same write when given (as the job controller adopts).
    /// Returns the object as stored afterwards, or null when it is gone, was replaced or got another controller.
    /// </summary>
    public static StoredObject? Adopt(ObjectRegistry registry, ResourceKind kind, ObjectKey key, string uid, OwnerReference owner, string manager, string? finalizer = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var adopted = false;
        var stored = registry.Mutate(kind, key.Namespace, key.Name, manager, obj =>
        {
            var metadata = ObjectRegistry.Metadata(obj);
            var references = metadata["ownerReferences"] as JsonArray ?? [];
            if (metadata["uid"]?.GetValue<string>() != uid || metadata["deletionTimestamp"] is not null ||
                references.Any(r => r?["controller"]?.GetValue<bool>() == true))
            {
                return false;
            }

            references.Add(JsonSerializer.SerializeToNode(owner, KubernetesJson.Options));
            metadata["ownerReferences"] = references;
            if (finalizer is not null)
            {
                var finalizers = metadata["finalizers"] as JsonArray ?? [];
                if (!finalizers.Any(f => f?.GetValue<string>() == finalizer))
                {
                    finalizers.Add(finalizer);
                }

                metadata["finalizers"] = finalizers;
            }

            adopted = true;
            return true;
        });
        return adopted ? stored : null;
    }

    /// <summary>
    /// Removes the references to <paramref name="ownerUids"/> (and, when <paramref name="unblock"/>
    /// lists uids, clears <c>blockOwnerDeletion</c> on references to those). Returns the object
    /// as stored afterwards, or null when it is gone or was replaced.
    /// </summary>
    public static StoredObject? Remove(ObjectRegistry registry, ResourceKind kind, ObjectKey key, string uid, IReadOnlyCollection<string> ownerUids, string manager, IReadOnlyCollection<string>? unblock = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(ownerUids);
        var stored = registry.Mutate(kind, key.Namespace, key.Name, manager, obj =>
        {
            var metadata = ObjectRegistry.Metadata(obj);
            if (metadata["uid"]?.GetValue<string>() != uid || metadata["ownerReferences"] is not JsonArray references)
            {
                return false;
            }

            var changed = false;
            foreach (var reference in references.OfType<JsonObject>().ToList())
            {
                var referenced = reference["uid"]?.GetValue<string>() ?? "";
                if (ownerUids.Contains(referenced))
                {
                    references.Remove(reference);
                    changed = true;
                }
                else if (unblock?.Contains(referenced) == true && reference["blockOwnerDeletion"]?.GetValue<bool>() == true)
                {
                    reference["blockOwnerDeletion"] = false;
                    changed = true;
                }
            }

            if (references.Count == 0)
            {
                metadata.Remove("ownerReferences");
            }

            return changed;
        });
        return stored?.Uid == uid ? stored : null;
    }
}
