using System.Collections.Concurrent;
using Keelson.Core.Flows.Definitions;

namespace Keelson.Core.Flows.Engine;

/// <summary>Compiled definitions by name and version, read once from the database (versions never change).</summary>
internal sealed class FlowDefinitions(FlowStore store, FlowValidator validator)
{
    private readonly ConcurrentDictionary<(string, int), Task<CompiledFlow>> _compiled = new();

    public FlowValidator Validator => validator;

    /// <exception cref="FlowDefinitionException">The stored version no longer compiles (an executor it uses was removed).</exception>
    public Task<CompiledFlow> GetAsync(string name, int version, CancellationToken cancellationToken) =>
        _compiled.GetOrAdd((name, version), key => LoadAsync(key.Item1, key.Item2, cancellationToken));

    private async Task<CompiledFlow> LoadAsync(string name, int version, CancellationToken cancellationToken)
    {
        try
        {
            var row = await store.DefinitionAsync(name, version, cancellationToken)
                ?? throw new InvalidOperationException($"flow \"{name}\" version {version} is not in the database");
            var definition = FlowDefinitionReader.FromJson(row.Definition, $"flow {name} version {version}");
            return validator.Compile(definition, version);
        }
        catch
        {
            _compiled.TryRemove((name, version), out _);
            throw;
        }
    }
}
