using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Flows.Executors;

/// <summary>How <c>kube.evict</c> and <c>kube.drain</c> evict one pod: by uid, once, waiting while a PodDisruptionBudget refuses.</summary>
internal static class PodEviction
{
    /// <summary>Evicts <paramref name="pod"/> through the task's intents.</summary>
    /// <returns>True when this task evicted it (now or in an earlier step); false when it was already gone or replaced.</returns>
    /// <exception cref="ActionDeferredException">A PodDisruptionBudget refuses the eviction for now (429).</exception>
    public static async Task<bool> EvictAsync(TaskContext context, KubernetesClient client, string cluster, Pod pod, long? gracePeriodSeconds, CancellationToken cancellationToken)
    {
        var (ns, name, uid) = (pod.Metadata.Namespace!, pod.Metadata.Name!, pod.Metadata.Uid!);
        var pods = client.Resource<Pod>(ns);
        var action = new FlowAction(FlowActionVerb.Evict, "Pod", cluster, ns, [name]);
        var result = await context.ActAsync(action, $"evict/{ns}/{name}/{uid}", async ct =>
        {
            try
            {
                // The uid precondition makes a repeat after a crash harmless: a new pod of the same name is refused (409).
                await pods.EvictAsync(name, new DeleteOptions { Preconditions = new Preconditions { Uid = uid }, GracePeriodSeconds = gracePeriodSeconds }, ct);
                return System.Text.Json.Nodes.JsonValue.Create(true);
            }
            catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict)
            {
                return System.Text.Json.Nodes.JsonValue.Create(false);
            }
            catch (KubernetesApiException e) when (e.IsTooManyRequests)
            {
                var why = e.Status.Details?.Causes?.FirstOrDefault()?.Message ?? e.Status.Message ?? "its disruption budget allows no disruption now";
                throw new ActionDeferredException($"{ns}/{name}: {why}");
            }
        }, cancellationToken);
        return result?.GetValue<bool>() ?? false;
    }
}
