using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>Leases have no defaults; their spec is a struct, so Go writes <c>spec: {}</c> for a lease without one.</summary>
internal sealed class LeaseDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation) => obj.GetOrAddObject("spec");
}
