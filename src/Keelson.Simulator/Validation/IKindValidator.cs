using System.Text.Json.Nodes;

namespace Keelson.Simulator.Validation;

/// <summary>The create and update validation of one kind, registered by group and kind in <see cref="ObjectValidator"/>.</summary>
internal interface IKindValidator
{
    /// <summary>Adds the errors of <paramref name="obj"/> (a create when <paramref name="old"/> is null) to <paramref name="errors"/>.</summary>
    void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors);
}
