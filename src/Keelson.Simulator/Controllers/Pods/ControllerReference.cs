namespace Keelson.Simulator.Controllers.Pods;

/// <summary>The owner reference marked <c>controller: true</c> of an object.</summary>
/// <param name="ApiVersion">The owner's API version, e.g. <c>apps/v1</c>.</param>
/// <param name="Kind">The owner's kind, e.g. <c>StatefulSet</c>.</param>
/// <param name="Name">The owner's name.</param>
/// <param name="Uid">The owner's uid, which tells a new owner of the same name from the old one.</param>
public sealed record ControllerReference(string ApiVersion, string Kind, string Name, string Uid);
