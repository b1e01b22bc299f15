namespace Keelson.Simulator.Kubelet;

/// <summary>One line of a container's log.</summary>
/// <param name="Time">When it was written.</param>
/// <param name="Text">The line, without its newline.</param>
internal readonly record struct LogLine(DateTimeOffset Time, string Text);
