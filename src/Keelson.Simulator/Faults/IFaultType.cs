using Keelson.Simulator.Controllers;

namespace Keelson.Simulator.Faults;

/// <summary>One kind of fault: what it needs, how it is injected and cleared. Adding a fault is one class and one registration in <see cref="FaultTypes"/>.</summary>
public interface IFaultType
{
    /// <summary>The name used in the API, the CLI and scenarios, e.g. <c>nodeDown</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>: what it simulates and its parameters.</summary>
    string Description { get; }

    /// <summary>Checks the parameters against the cluster; returns a message saying what is wrong and what to pass, or null.</summary>
    string? Validate(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster);

    /// <summary>Makes the fault take effect.</summary>
    void Inject(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster);

    /// <summary>Undoes it.</summary>
    void Clear(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster);

    /// <summary>The object the fault's events are about (a node, or the cluster's kube-system namespace).</summary>
    InvolvedObject Target(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster);
}
