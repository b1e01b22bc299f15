using Microsoft.Extensions.Options;

namespace Keelson.Core.Fleet;

/// <summary>Stops the process at start when a fleet setting is out of range, naming the key.</summary>
internal sealed class FleetOptionsValidator : IValidateOptions<FleetOptions>
{
    public ValidateOptionsResult Validate(string? name, FleetOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
