using System.Text.Json.Nodes;

namespace Keelson.Simulator.Store;

/// <summary>What a read-modify-write decided: leave the object, store a new state, or remove it.</summary>
public sealed record Mutation
{
    private Mutation(JsonObject? obj, bool remove)
    {
        Object = obj;
        Remove = remove;
    }

    /// <summary>Nothing changes; no revision is used and watchers see nothing.</summary>
    public static Mutation None { get; } = new(null, false);

    /// <summary>Removes the object from storage.</summary>
    public static Mutation Delete { get; } = new(null, true);

    /// <summary>The new state to store (its resourceVersion is set by the store).</summary>
    public JsonObject? Object { get; }

    /// <summary>Whether the object is removed.</summary>
    public bool Remove { get; }

    /// <summary>Stores <paramref name="obj"/> as the new state.</summary>
    public static Mutation Put(JsonObject obj) => new(obj ?? throw new ArgumentNullException(nameof(obj)), false);
}
