using System.Text;

namespace Keelson.Kubernetes.Http;

/// <summary>Builds a URL query string, escaping every value.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    /// <summary>Adds <c>name=value</c> when the value is not null or empty.</summary>
    public QueryString Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    /// <summary>Adds a number when present.</summary>
    public QueryString Add(string name, long? value) =>
        value is long v ? Add(name, v.ToString(System.Globalization.CultureInfo.InvariantCulture)) : this;

    /// <summary>Adds <c>name=true</c> when the flag is set.</summary>
    public QueryString Add(string name, bool flag) => flag ? Add(name, "true") : this;

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
