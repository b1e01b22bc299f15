namespace Keelson.Kubernetes.Selectors;

/// <summary>
/// One requirement of a field selector, such as <c>status.phase!=Running</c> (apimachinery's <c>fields.Requirement</c>).
/// </summary>
public sealed class FieldRequirement
{
    /// <summary>A requirement that <paramref name="field"/> equals, or does not equal, <paramref name="value"/>.</summary>
    /// <param name="field">The field path, e.g. <c>metadata.name</c> or <c>spec.nodeName</c>.</param>
    /// <param name="operator"><see cref="SelectorOperator.Equal"/> (or <see cref="SelectorOperator.DoubleEqual"/>, its synonym) or <see cref="SelectorOperator.NotEqual"/>.</param>
    /// <param name="value">The literal value; it is escaped where the selector is written.</param>
    /// <exception cref="ArgumentException">The operator is not one a field selector supports.</exception>
    public FieldRequirement(string field, SelectorOperator @operator, string value)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        Field = field;
        Value = value;
        Operator = @operator switch
        {
            // As apimachinery, which keeps "==" only as a spelling of "=".
            SelectorOperator.Equal or SelectorOperator.DoubleEqual => SelectorOperator.Equal,
            SelectorOperator.NotEqual => SelectorOperator.NotEqual,
            _ => throw new ArgumentException(
                $"a field selector supports only =, == and !=, not {@operator} (on field \"{field}\")", nameof(@operator)),
        };
    }

    /// <summary>The field path, e.g. <c>metadata.namespace</c>.</summary>
    public string Field { get; }

    /// <summary><see cref="SelectorOperator.Equal"/> or <see cref="SelectorOperator.NotEqual"/>.</summary>
    public SelectorOperator Operator { get; }

    /// <summary>The literal value, unescaped.</summary>
    public string Value { get; }

    /// <summary>Whether the field's value satisfies the requirement; a field that <paramref name="getField"/> does not know (null) counts as empty.</summary>
    public bool Matches(Func<string, string?> getField)
    {
        ArgumentNullException.ThrowIfNull(getField);
        var equal = string.Equals(getField(Field) ?? "", Value, StringComparison.Ordinal);
        return Operator == SelectorOperator.Equal ? equal : !equal;
    }

    /// <summary>The requirement in selector syntax with the value escaped: <c>field=value</c> or <c>field!=value</c>.</summary>
    public override string ToString() =>
        Field + (Operator == SelectorOperator.Equal ? "=" : "!=") + FieldMatcher.EscapeValue(Value);
}
