namespace Keelson.Core.Fleet;

/// <summary>
/// A node condition that signals trouble: <c>Ready</c> when it is not True, or any other condition
/// (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable, node-problem-detector's
/// KernelDeadlock...) when it is True.
/// </summary>
/// <param name="Type">The condition type.</param>
/// <param name="Status"><c>True</c>, <c>False</c> or <c>Unknown</c>.</param>
/// <param name="Reason">The reporter's CamelCase reason.</param>
/// <param name="Message">The reporter's message.</param>
/// <param name="Since">When the condition last changed (UTC).</param>
public sealed record NodeProblem(string Type, string Status, string? Reason, string? Message, DateTime? Since);
