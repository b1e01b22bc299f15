using System.Text.Json.Nodes;
namespace Keelson.Simulator.Defaults;

/// <summary>ControllerRevisions have no defaults; <c>revision</c> has no omitempty, so it reads 0 when unset.</summary>
internal sealed class ControllerRevisionDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation) => obj.DefaultPointer("revision", 0);
}
