namespace Keelson.Core.Observability;

/// <summary>A capability's own series on <c>/metrics</c> (e.g. the fleet view's per-cluster figures).</summary>
public interface IMetricsSource
{
    /// <summary>Writes the current values.</summary>
    void Write(PrometheusWriter writer);
}
