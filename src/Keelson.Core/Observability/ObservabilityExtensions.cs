using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Core.Observability;

/// <summary>Composition of <c>/metrics</c>.</summary>
public static class ObservabilityExtensions
{
    /// <summary>Adds request and process metrics; capabilities add their own <see cref="IMetricsSource"/>.</summary>
    public static IServiceCollection AddKeelsonMetrics(this IServiceCollection services)
    {
        services.AddSingleton<RequestMetrics>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<RequestMetrics>());
        services.AddSingleton<IMetricsSource, ProcessMetrics>();
        return services;
    }

    /// <summary>Measures every request (add before routing so it sees the final status code).</summary>
    public static IApplicationBuilder UseKeelsonRequestMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<RequestMetrics>();
        return app.Use((context, next) => metrics.InvokeAsync(context, _ => next()));
    }

    /// <summary>
    /// Serves <c>/metrics</c> in the Prometheus text format; open to scrapers unless
    /// <paramref name="requireToken"/>, then it needs a signed-in caller (an API token).
    /// </summary>
    public static IEndpointConventionBuilder MapKeelsonMetrics(this IEndpointRouteBuilder endpoints, bool requireToken)
    {
        var builder = endpoints.MapGet("/metrics", (IEnumerable<IMetricsSource> sources) =>
        {
            var writer = new PrometheusWriter();
            foreach (var source in sources)
            {
                source.Write(writer);
            }

            return Results.Text(writer.ToString(), "text/plain; version=0.0.4; charset=utf-8");
        }).ExcludeFromDescription();
        return requireToken ? builder : builder.AllowAnonymous();
    }
}
