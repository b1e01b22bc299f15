using Keelson.Core.Clusters;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Protection;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Tests.Flows;

/// <summary>The validator with Keelson's real executors, for tests that only read and check definitions (no database is opened).</summary>
internal static class FlowTestServices
{
    private static readonly Lazy<FlowValidator> Instance = new(() => new ServiceCollection()
        .AddLogging(l => l.ClearProviders())
        .AddSingleton(new KeelsonDatabase(Path.Combine(Path.GetTempPath(), "keelson-never-opened", "keelson.db")))
        .AddKeelsonProtection()
        .AddKeelsonClusters()
        .AddKeelsonFlows()
        .BuildServiceProvider()
        .GetRequiredService<FlowValidator>());

    public static FlowValidator Validator => Instance.Value;

    /// <summary>Every problem of a definition's text, from reading and from validation.</summary>
    public static IReadOnlyList<FlowValidationError> Errors(string text, string source)
    {
        try
        {
            var parsed = FlowDefinitionReader.Parse(text, source);
            return Validator.Validate(parsed.Definition, parsed.SourceMap);
        }
        catch (FlowDefinitionException e)
        {
            return e.Errors;
        }
    }

    public static void Compile(string text, string source)
    {
        var errors = Errors(text, source);
        if (errors.Count > 0)
        {
            throw new FlowDefinitionException(errors);
        }
    }
}
