using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary><c>--param KEY=VALUE</c> (repeatable), as the JSON object a run or plan is started with.</summary>
internal static class FlowParams
{
    public static Option<string[]> Option() => new("--param", "-p")
    {
        Description = "A parameter KEY=VALUE (repeatable). Values are text; the server converts them to the parameter's type. Lists and mappings as JSON: -p 'clusters=[\"a\",\"b\"]'.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static JsonObject Parse(IEnumerable<string>? pairs)
    {
        var result = new JsonObject();
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliException(ExitCodes.BadInput, $"--param \"{pair}\" is not KEY=VALUE, e.g. -p cluster=prod-a");
            }

            var (key, value) = (pair[..eq], pair[(eq + 1)..]);
            if (result.ContainsKey(key))
            {
                throw new CliException(ExitCodes.BadInput, $"--param {key} is given twice");
            }

            result[key] = value.TrimStart().StartsWith('[') || value.TrimStart().StartsWith('{') ? ParseJson(key, value) : JsonValue.Create(value);
        }

        return result;
    }

    private static JsonNode? ParseJson(string key, string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.BadInput, $"--param {key}: the value starts like JSON but is not JSON ({e.Message}); write lists as '[\"a\",\"b\"]'");
        }
    }
}
