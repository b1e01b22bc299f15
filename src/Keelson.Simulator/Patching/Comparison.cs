namespace Keelson.Simulator.Patching;

/// <summary>The paths added, modified and removed between two versions of an object.</summary>
/// <param name="Added">Paths only the newer version has.</param>
/// <param name="Modified">Leaf paths whose value changed.</param>
/// <param name="Removed">Paths only the older version has.</param>
internal sealed record Comparison(FieldSet Added, FieldSet Modified, FieldSet Removed)
{
    /// <summary>The comparison without paths at or under <paramref name="ignored"/> (the fields a subresource resets).</summary>
    public Comparison Without(FieldSet ignored) =>
        new(Added.RecursiveDifference(ignored), Modified.RecursiveDifference(ignored), Removed.RecursiveDifference(ignored));
}
