using Microsoft.Extensions.Options;

namespace Keelson.Core.Guardrails;

/// <summary>Stops the process at start when a guardrail setting is invalid, naming the key.</summary>
internal sealed class GuardrailOptionsValidator : IValidateOptions<GuardrailOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardrailOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
