using System.Globalization;
using System.Text;

namespace Keelson.Core.Observability;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4), which a real Prometheus scrapes.</summary>
public sealed class PrometheusWriter
{
    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _described = new(StringComparer.Ordinal);

    /// <summary>Declares a metric family once: its help text and type (<c>counter</c>, <c>gauge</c>, <c>histogram</c>).</summary>
    public PrometheusWriter Describe(string name, string type, string help)
    {
        if (_described.Add(name))
        {
            _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        }

        return this;
    }

    /// <summary>Writes one sample; labels are name/value pairs.</summary>
    public PrometheusWriter Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                _text.Append(labels[i].Name).Append("=\"")
                    .Append(labels[i].Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                    .Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
