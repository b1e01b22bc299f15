using System.Text.Json.Nodes;
using Keelson.Core.Audit;

namespace Keelson.Core.Flows;

/// <summary>A run someone asks to start, as <see cref="IRunAdmission"/> sees it.</summary>
/// <param name="Actor">Who starts it.</param>
/// <param name="Flow">The flow's name.</param>
/// <param name="Version">The version asked for; the latest when null.</param>
/// <param name="Params">The parameters as given (defaults not yet filled in).</param>
/// <param name="Change">The change record the run is started for, when it is started by change control.</param>
public sealed record RunAdmissionRequest(AuditActor Actor, string Flow, int? Version, JsonObject? Params, long? Change);
