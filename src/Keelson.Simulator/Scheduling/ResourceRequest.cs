using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Scheduling;

/// <summary>
/// What a pod asks of a node, as the scheduler counts it: the larger of its containers' sum and
/// each init container's request (restartable "sidecar" init containers add to both), plus
/// overhead. The non-zero form counts a missing CPU or memory request as 100m / 200Mi, as kube's
/// scoring does so that request-less pods still spread.
/// </summary>
/// <param name="MilliCpu">CPU in millicores.</param>
/// <param name="Memory">Memory in bytes.</param>
/// <param name="NonZeroMilliCpu">CPU for scoring.</param>
/// <param name="NonZeroMemory">Memory for scoring.</param>
internal readonly record struct ResourceRequest(long MilliCpu, long Memory, long NonZeroMilliCpu, long NonZeroMemory)
{
    private const long DefaultMilliCpu = 100;
    private const long DefaultMemory = 200 * 1024 * 1024;

    /// <summary>The request of a pod spec.</summary>
    public static ResourceRequest Of(PodSpec? spec)
    {
        long cpu = 0, memory = 0, nzCpu = 0, nzMemory = 0;
        foreach (var container in spec?.Containers ?? [])
        {
            var (c, m) = Requests(container);
            cpu += c ?? 0;
            memory += m ?? 0;
            nzCpu += c ?? DefaultMilliCpu;
            nzMemory += m ?? DefaultMemory;
        }

        // Sidecars run beside everything after them; a regular init container runs alone with the sidecars before it.
        long sidecarCpu = 0, sidecarMemory = 0, initCpu = 0, initMemory = 0;
        foreach (var init in spec?.InitContainers ?? [])
        {
            var (c, m) = Requests(init);
            if (init.RestartPolicy == "Always")
            {
                sidecarCpu += c ?? 0;
                sidecarMemory += m ?? 0;
                initCpu = Math.Max(initCpu, sidecarCpu);
                initMemory = Math.Max(initMemory, sidecarMemory);
            }
            else
            {
                initCpu = Math.Max(initCpu, sidecarCpu + (c ?? 0));
                initMemory = Math.Max(initMemory, sidecarMemory + (m ?? 0));
            }
        }

        cpu = Math.Max(cpu + sidecarCpu, initCpu);
        memory = Math.Max(memory + sidecarMemory, initMemory);
        nzCpu = Math.Max(nzCpu + sidecarCpu, initCpu);
        nzMemory = Math.Max(nzMemory + sidecarMemory, initMemory);
        if (spec?.Overhead is { } overhead)
        {
            var oc = overhead.TryGetValue("cpu", out var q) ? q.MilliValue() : 0;
            var om = overhead.TryGetValue("memory", out var r) ? r.Value() : 0;
            cpu += oc;
            memory += om;
            nzCpu += oc;
            nzMemory += om;
        }

        return new ResourceRequest(cpu, memory, nzCpu, nzMemory);
    }

    /// <summary>A container's CPU (millicores) and memory (bytes) requests; a missing request falls back to the limit, as defaulting sets it.</summary>
    private static (long? Cpu, long? Memory) Requests(Container container)
    {
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        Quantity q;
        long? cpu = requests is not null && requests.TryGetValue("cpu", out q) ? q.MilliValue()
            : limits is not null && limits.TryGetValue("cpu", out q) ? q.MilliValue() : null;
        long? memory = requests is not null && requests.TryGetValue("memory", out q) ? q.Value()
            : limits is not null && limits.TryGetValue("memory", out q) ? q.Value() : null;
        return (cpu, memory);
    }
}
