namespace Keelson.Simulator.Controllers.Pods;

/// <summary>A container port with a name, which a Service's <c>targetPort</c> may refer to.</summary>
/// <param name="Name">The port's name.</param>
/// <param name="Port">The container port number.</param>
/// <param name="Protocol"><c>TCP</c>, <c>UDP</c> or <c>SCTP</c>.</param>
public sealed record NamedPort(string Name, int Port, string Protocol);
