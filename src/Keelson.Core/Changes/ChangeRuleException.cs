using Keelson.Core.Audit;

namespace Keelson.Core.Changes;

/// <summary>A rule file is invalid; <see cref="Errors"/> lists every problem with its file, line, rule and field. Nothing of the file was applied.</summary>
public sealed class ChangeRuleException : Exception, IRefusedChange
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ChangeRuleException(IReadOnlyList<ChangeRuleError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<ChangeRuleError> Errors { get; }

    private static string Describe(IReadOnlyList<ChangeRuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? $"the rule file is invalid (nothing was applied): {errors[0]}"
            : $"the rule file has {errors.Count} problems (nothing was applied):\n" + string.Join("\n", errors.Select(e => "  " + e));
    }
}
