using Microsoft.Extensions.Options;

namespace Keelson.Core.Flows;

/// <summary>Stops the process at start when a flow setting is out of range, naming the key.</summary>
internal sealed class FlowOptionsValidator : IValidateOptions<FlowOptions>
{
    public ValidateOptionsResult Validate(string? name, FlowOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
