using System.Diagnostics;

namespace Keelson.Core.Observability;

/// <summary>The process figures Prometheus expects from every exporter, plus the .NET heap.</summary>
public sealed class ProcessMetrics : IMetricsSource
{
    /// <inheritdoc />
    public void Write(PrometheusWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var process = Process.GetCurrentProcess();
        writer.Describe("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.")
            .Sample("process_cpu_seconds_total", process.TotalProcessorTime.TotalSeconds);
        writer.Describe("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.")
            .Sample("process_resident_memory_bytes", process.WorkingSet64);
        writer.Describe("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.")
            .Sample("process_start_time_seconds", new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        writer.Describe("process_open_fds", "gauge", "Number of open file descriptors.")
            .Sample("process_open_fds", process.HandleCount);
        writer.Describe("dotnet_gc_heap_size_bytes", "gauge", "Managed heap size after the last garbage collection.")
            .Sample("dotnet_gc_heap_size_bytes", GC.GetGCMemoryInfo().HeapSizeBytes);
        writer.Describe("dotnet_gc_collections_total", "counter", "Garbage collections, by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            writer.Sample("dotnet_gc_collections_total", GC.CollectionCount(generation), ("generation", generation.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
