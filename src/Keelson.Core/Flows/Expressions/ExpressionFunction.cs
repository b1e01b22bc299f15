using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Expressions;

/// <summary>A built-in function: its name, how many arguments it takes and what it does.</summary>
/// <param name="Name">The name used in expressions, e.g. <c>len</c>.</param>
/// <param name="MinArguments">The fewest arguments accepted.</param>
/// <param name="MaxArguments">The most arguments accepted.</param>
/// <param name="Usage">How to call it, for error messages, e.g. <c>len(value)</c>.</param>
/// <param name="Invoke">The function itself.</param>
internal sealed record ExpressionFunction(string Name, int MinArguments, int MaxArguments, string Usage, Func<JsonNode?[], JsonNode?> Invoke);
