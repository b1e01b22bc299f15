using Microsoft.Extensions.Options;

namespace Keelson.Core.Access;

/// <summary>Stops the process at start when an access setting is out of range, naming the key.</summary>
internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
