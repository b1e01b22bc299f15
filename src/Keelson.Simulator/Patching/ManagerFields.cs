namespace Keelson.Simulator.Patching;

/// <summary>One manager's fields, as an entry of <c>metadata.managedFields</c> holds them.</summary>
/// <param name="Identity">Who owns the fields.</param>
/// <param name="Fields">The owned fields.</param>
/// <param name="ApiVersion">The API version the fields are expressed in (the entry's <c>apiVersion</c>).</param>
/// <param name="Time">When the manager last changed the object, if known.</param>
internal sealed record ManagerFields(ManagerIdentity Identity, FieldSet Fields, string ApiVersion, DateTimeOffset? Time);
