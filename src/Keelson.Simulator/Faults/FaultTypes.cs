using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Faults;

/// <summary>Every fault the simulator can inject, by name.</summary>
public static class FaultTypes
{
    private static readonly IFaultType[] All =
    [
        new NodeDownFault(),
        new NodeFlappingFault(),
        new KubeletCertificateExpiredFault(),
        new NodeConditionFaultType("memoryPressure", "the node reports MemoryPressure (node=NAME)",
            new NodeConditionFault("MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available")),
        new NodeConditionFaultType("diskPressure", "the node reports DiskPressure (node=NAME)",
            new NodeConditionFault("DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure")),
        new NodeConditionFaultType("pidPressure", "the node reports PIDPressure (node=NAME)",
            new NodeConditionFault("PIDPressure", "True", "KubeletHasInsufficientPID", "kubelet has insufficient PID available")),
        new NodeConditionFaultType("kernelDeadlock", "node-problem-detector reports KernelDeadlock (node=NAME)",
            new NodeConditionFault("KernelDeadlock", "True", "DockerHung", "kernel: INFO: task docker:20744 blocked for more than 120 seconds.")),
        new ZonePartitionFault(),
        new ImageFault("crashStorm", "containers of an image crash at start (image=PATTERN, * wildcards)", "image", "shop/web:*", ImageBehaviour.CrashLoop, p => p),
        new ImageFault("imagePullFailure", "pulls from a registry fail (registry=HOST)", "registry", "registry.example.com", ImageBehaviour.PullFailure, r => r.TrimEnd('/') + "/*"),
        new ApiLatencyFault(),
        new ApiErrorsFault(),
        new WatchCutFault(),
    ];

    /// <summary>The fault types, in the order help lists them.</summary>
    public static IReadOnlyList<IFaultType> Types => All;

    /// <summary>The fault type named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static IFaultType? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(t => t.Name));
}
