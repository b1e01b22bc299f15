using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Core.Observability;

/// <summary>Counts and times every HTTP request by method, route template and status code.</summary>
public sealed class RequestMetrics : IMetricsSource
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Method, string Route, int Code), Series> _series = new();

    /// <summary>Middleware that measures each request; register it early so it sees the final status.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The route template, not the path, so that names and ids do not explode the series.
            var route = context.GetEndpoint() is RouteEndpoint endpoint ? endpoint.RoutePattern.RawText ?? "unmatched" : "unmatched";
            _series.GetOrAdd((context.Request.Method, route, context.Response.StatusCode), _ => new Series())
                .Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <inheritdoc />
    public void Write(PrometheusWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Describe("keelson_http_requests_total", "counter", "HTTP requests served, by method, route and status code.");
        foreach (var ((method, route, code), series) in _series)
        {
            writer.Sample("keelson_http_requests_total", series.Count, ("method", method), ("route", route), ("code", code.ToString(CultureInfo.InvariantCulture)));
        }

        writer.Describe("keelson_http_request_duration_seconds", "histogram", "Time to answer HTTP requests, by method and route.");
        foreach (var group in _series.GroupBy(s => (s.Key.Method, s.Key.Route)))
        {
            var counts = new long[Buckets.Length];
            long total = 0;
            double sum = 0;
            foreach (var (_, series) in group)
            {
                var (bucketCounts, count, seconds) = series.Snapshot();
                for (var i = 0; i < counts.Length; i++)
                {
                    counts[i] += bucketCounts[i];
                }

                total += count;
                sum += seconds;
            }

            for (var i = 0; i < Buckets.Length; i++)
            {
                writer.Sample("keelson_http_request_duration_seconds_bucket", counts[i],
                    ("method", group.Key.Method), ("route", group.Key.Route), ("le", Buckets[i].ToString(CultureInfo.InvariantCulture)));
            }

            writer.Sample("keelson_http_request_duration_seconds_bucket", total, ("method", group.Key.Method), ("route", group.Key.Route), ("le", "+Inf"));
            writer.Sample("keelson_http_request_duration_seconds_sum", sum, ("method", group.Key.Method), ("route", group.Key.Route));
            writer.Sample("keelson_http_request_duration_seconds_count", total, ("method", group.Key.Method), ("route", group.Key.Route));
        }
    }

    private sealed class Series
    {
        private readonly Lock _lock = new();
        private readonly long[] _buckets = new long[Buckets.Length];
        private long _count;
        private double _sum;

        public long Count
        {
            get
            {
                lock (_lock)
                {
                    return _count;
                }
            }
        }

        public void Observe(double seconds)
        {
            lock (_lock)
            {
                _count++;
                _sum += seconds;
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (seconds <= Buckets[i])
                    {
                        _buckets[i]++;
                    }
                }
            }
        }

        public (long[] Buckets, long Count, double Sum) Snapshot()
        {
            lock (_lock)
            {
                return ((long[])_buckets.Clone(), _count, _sum);
            }
        }
    }
}
