namespace Keelson.Simulator.Kubelet;

/// <summary>An event a pod sync produced, recorded once the sync is done.</summary>
/// <param name="FieldPath">The container it is about (<c>spec.containers{web}</c>), or null for the pod.</param>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Reason">e.g. <c>Pulled</c>.</param>
/// <param name="Message">The kubelet's message.</param>
internal sealed record KubeletEvent(string? FieldPath, string Type, string Reason, string Message);
