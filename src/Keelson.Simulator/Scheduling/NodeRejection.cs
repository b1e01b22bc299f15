namespace Keelson.Simulator.Scheduling;

/// <summary>Why a node cannot take a pod: the filter's reasons, and whether preempting pods there could help.</summary>
/// <param name="Reasons">Reasons as the FailedScheduling message counts them, e.g. <c>Insufficient cpu</c>.</param>
/// <param name="Resolvable">Whether removing pods could make it fit (kube's Unschedulable versus UnschedulableAndUnresolvable).</param>
internal sealed record NodeRejection(IReadOnlyList<string> Reasons, bool Resolvable)
{
    /// <summary>A rejection with one reason.</summary>
    public static NodeRejection Unresolvable(string reason) => new([reason], false);

    /// <summary>A rejection preemption might cure.</summary>
    public static NodeRejection Curable(params string[] reasons) => new(reasons, true);
}
