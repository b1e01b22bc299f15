namespace Keelson.Kubernetes.Selectors;

/// <summary>How a requirement relates a label or field to its values (apimachinery's <c>selection.Operator</c>).</summary>
public enum SelectorOperator
{
    /// <summary><c>key=value</c>: present with this value.</summary>
    Equal,

    /// <summary><c>key==value</c>: the same as <see cref="Equal"/>, kept so a label selector prints as written.</summary>
    DoubleEqual,

    /// <summary><c>key!=value</c>: absent, or present with another value.</summary>
    NotEqual,

    /// <summary><c>key in (a,b)</c>: present with one of the values.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>: absent, or present with none of the values.</summary>
    NotIn,

    /// <summary><c>key</c>: present, with any value.</summary>
    Exists,

    /// <summary><c>!key</c>: absent.</summary>
    DoesNotExist,

    /// <summary><c>key&gt;1</c>: present with an integer value greater than the one given.</summary>
    GreaterThan,

    /// <summary><c>key&lt;1</c>: present with an integer value less than the one given.</summary>
    LessThan,
}
