namespace Keelson.Simulator.Patching;

/// <summary>An applied configuration that does not fit the schema, with the path in structured-merge-diff's words (<c>.spec.foo: field not declared in schema</c>).</summary>
internal sealed class FieldPathException(string message) : Exception(message);
