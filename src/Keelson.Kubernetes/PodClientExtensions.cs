using System.Runtime.CompilerServices;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes;

/// <summary>The pod-only subresources: eviction, binding and logs.</summary>
public static class PodClientExtensions
{
    /// <summary>
    /// Evicts a pod through the eviction subresource, which respects PodDisruptionBudgets: a
    /// budget that allows no disruption answers 429 (<see cref="KubernetesApiException.IsTooManyRequests"/>);
    /// wait and try again. Pass the pod's uid as a precondition so a retry never evicts a new pod of the same name.
    /// </summary>
    public static Task EvictAsync(this ResourceClient<Pod> pods, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var eviction = new Eviction
        {
            ApiVersion = "policy/v1",
            Kind = "Eviction",
            Metadata = new ObjectMeta { Name = name, Namespace = pods.EffectiveNamespace },
            DeleteOptions = options,
        };
        // A 429 means the budget refused: that is an answer for the caller, not a fault to retry here.
        return pods.SendSubresourceAsync(HttpMethod.Post, name, "eviction", eviction, RetrySafety.Unsafe, retryTooManyRequests: false, cancellationToken);
    }

    /// <summary>Binds an unscheduled pod to a node, as a scheduler does.</summary>
    public static Task BindAsync(this ResourceClient<Pod> pods, string name, string node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var binding = new Binding
        {
            ApiVersion = "v1",
            Kind = "Binding",
            Metadata = new ObjectMeta { Name = name, Namespace = pods.EffectiveNamespace },
            Target = new ObjectReference { ApiVersion = "v1", Kind = "Node", Name = node },
        };
        return pods.SendSubresourceAsync(HttpMethod.Post, name, "binding", binding, RetrySafety.Unsafe, retryTooManyRequests: true, cancellationToken);
    }

    /// <summary>Reads a container's log (as text).</summary>
    public static async Task<string> GetLogsAsync(this ResourceClient<Pod> pods, string name, LogOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pods);
        using var response = await pods.SendLogRequestAsync(name, options, follow: false, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Follows a container's log: the existing lines, then new ones as they are written, until cancelled or the container stops.</summary>
    public static async IAsyncEnumerable<string> FollowLogsAsync(this ResourceClient<Pod> pods, string name, LogOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pods);
        using var response = await pods.SendLogRequestAsync(name, options, follow: true, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return line;
        }
    }
}
