using Keelson.Core.Audit;

namespace Keelson.Core.Flows.Definitions;

/// <summary>A flow definition is invalid; <see cref="Errors"/> lists every problem found, each with its task, field and line.</summary>
public sealed class FlowDefinitionException : Exception, IRefusedChange
{
    /// <summary>Creates the exception from the problems found.</summary>
    public FlowDefinitionException(IReadOnlyList<FlowValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, in the order of the definition.</summary>
    public IReadOnlyList<FlowValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<FlowValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? $"the flow definition is invalid: {errors[0]}"
            : $"the flow definition has {errors.Count} problems:\n" + string.Join("\n", errors.Select(e => "  " + e));
    }
}
