using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>Endpoints: each subset port's protocol defaults to TCP.</summary>
internal sealed class EndpointsDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        foreach (var port in obj.GetArray("subsets").Objects().SelectMany(s => s.GetArray("ports").Objects()))
        {
            port.DefaultString("protocol", "TCP");
        }
    }
}
