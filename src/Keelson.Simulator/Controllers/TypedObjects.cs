using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers;

/// <summary>Reading and writing stored objects through the client library's typed models.</summary>
public static class TypedObjects
{
    /// <summary>The stored object as a model.</summary>
    public static T Read<T>(StoredObject stored)
        where T : KubernetesObject
    {
        ArgumentNullException.ThrowIfNull(stored);
        return KubernetesJson.Deserialize<T>(stored.Json);
    }

    /// <summary>A model as JSON for the registry.</summary>
    public static JsonObject ToJson<T>(T obj)
        where T : KubernetesObject =>
        JsonSerializer.SerializeToNode(obj, KubernetesJson.Options)!.AsObject();

    /// <summary>Creates an object from a model through the registry (defaulting, validation and all).</summary>
    public static T Create<T>(this ObjectRegistry registry, ResourceKind kind, T obj, string manager)
        where T : KubernetesObject
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(obj);
        return Read<T>(registry.Create(kind, obj.Metadata.Namespace, ToJson(obj), WriteContext.For(manager)));
    }

    /// <summary>
    /// Reads, changes and writes an object atomically as a model; <paramref name="change"/>
    /// returns false to leave it. Null when the object does not exist.
    /// </summary>
    public static T? Mutate<T>(this ObjectRegistry registry, ResourceKind kind, string? @namespace, string name, string manager, Func<T, bool> change)
        where T : KubernetesObject
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(change);
        var stored = registry.Mutate(kind, @namespace, name, manager, json =>
        {
            var typed = json.Deserialize<T>(KubernetesJson.Options)!;
            if (!change(typed))
            {
                return false;
            }

            var updated = ToJson(typed);
            json.Clear();
            foreach (var (key, value) in updated.ToList())
            {
                updated.Remove(key);
                json[key] = value;
            }

            return true;
        });
        return stored is null ? null : Read<T>(stored);
    }
}
