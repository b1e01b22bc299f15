using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>An object decoded from a request: what the server stores, and the warnings to answer with.</summary>
/// <param name="Object">
/// The object as kube-apiserver would hold it after decoding into its Go type: unknown fields pruned, fields a Go
/// encoder always writes present (<c>creationTimestamp: null</c>, <c>resources: {}</c>), empty optional values
/// dropped, map keys sorted, times normalized to UTC.
/// </param>
/// <param name="Warnings">One entry per <c>Warning</c> header value, e.g. <c>unknown field "spec.foo"</c>.</param>
public sealed record DecodedObject(JsonObject Object, IReadOnlyList<string> Warnings);
