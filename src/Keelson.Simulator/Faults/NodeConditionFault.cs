namespace Keelson.Simulator.Faults;

/// <summary>A node condition forced by a fault, as a kubelet or node-problem-detector would report it.</summary>
/// <param name="Type">The condition type, e.g. <c>MemoryPressure</c>, <c>KernelDeadlock</c>, <c>Ready</c>.</param>
/// <param name="Status"><c>True</c>, <c>False</c> or <c>Unknown</c>.</param>
/// <param name="Reason">CamelCase reason.</param>
/// <param name="Message">Human-readable message.</param>
public sealed record NodeConditionFault(string Type, string Status, string Reason, string Message);
