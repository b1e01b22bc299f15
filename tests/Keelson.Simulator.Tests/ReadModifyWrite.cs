using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests;

/// <summary>
/// Changes an object the way <c>kubectl edit</c> and client-go's <c>RetryOnConflict</c> do: read it, change it,
/// write it back, and start again from a fresh read when a controller wrote it in between (409 Conflict).
/// </summary>
internal static class ReadModifyWrite
{
    /// <summary>Applies <paramref name="change"/> to the current object and replaces it; returns what the server stored.</summary>
    public static Task<T> UpdateAsync<T>(this ResourceClient<T> client, string name, Action<T> change)
        where T : KubernetesObject => RetryAsync(client, name, change, obj => client.ReplaceAsync(obj));

    /// <summary>Applies <paramref name="change"/> to the current object and replaces its status subresource.</summary>
    public static Task<T> UpdateStatusAsync<T>(this ResourceClient<T> client, string name, Action<T> change)
        where T : KubernetesObject => RetryAsync(client, name, change, obj => client.ReplaceStatusAsync(obj));

    private static async Task<T> RetryAsync<T>(ResourceClient<T> client, string name, Action<T> change, Func<T, Task<T>> write)
        where T : KubernetesObject
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await client.GetAsync(name);
            change(current);
            try
            {
                return await write(current);
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 20)
            {
                // Another writer got there first; its write is kept and the change is made again on top of it.
            }
        }
    }
}
