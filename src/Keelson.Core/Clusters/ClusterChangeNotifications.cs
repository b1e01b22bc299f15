namespace Keelson.Core.Clusters;

/// <summary>Raises <see cref="ClusterRegistry.Changed"/> once a change has committed.</summary>
internal static class ClusterChangeNotifications
{
    public static async Task<T> ContinueWithChange<T>(this Task<T> change, ClusterRegistry registry, string name, bool removed)
    {
        var result = await change;
        registry.Raise(new ClusterChange(name, removed));
        return result;
    }

    public static async Task ContinueWithChange(this Task<bool> change, ClusterRegistry registry, string name, bool removed)
    {
        await change;
        registry.Raise(new ClusterChange(name, removed));
    }
}
