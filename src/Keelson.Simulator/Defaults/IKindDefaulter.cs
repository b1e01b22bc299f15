using System.Text.Json.Nodes;

namespace Keelson.Simulator.Defaults;

/// <summary>The defaults of one kind, registered by group and kind in <see cref="Defaulter"/>.</summary>
internal interface IKindDefaulter
{
    /// <summary>Fills the defaults into <paramref name="obj"/> in place.</summary>
    void Apply(JsonObject obj, DefaultingOperation operation);
}
