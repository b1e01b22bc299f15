using System.Text.Json;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.ReplicaSets;

/// <summary>
/// Reading objects in watch handlers, which must not fail: a handler that throws ends its
/// controller's watch. Until validation runs in the simulator's API, an object may be stored
/// that does not fit its model.
/// </summary>
internal static class WatchedObjects
{
    /// <summary>The stored object as a model, or null when its JSON does not fit the model.</summary>
    public static T? Read<T>(StoredObject stored)
        where T : KubernetesObject
    {
        try
        {
            return TypedObjects.Read<T>(stored);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
