using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// The body of a server-side apply request (<c>application/apply-patch+yaml</c>), parsed as kube-apiserver reads it.
/// kubectl sends JSON, which is YAML; <see cref="Parse"/> reads that and remembers repeated keys in the YAML
/// reader's words. YAML bodies are converted by the caller and passed to <see cref="FromParsed"/>.
/// </summary>
public sealed class ApplyConfiguration
{
    private ApplyConfiguration(JsonObject obj, string? duplicateKeysError)
    {
        Object = obj;
        DuplicateKeysError = duplicateKeysError;
    }

    /// <summary>The applied configuration, for <see cref="FieldManager.Apply"/>.</summary>
    public JsonObject Object { get; }

    /// <summary>The YAML reader's complaint about repeated keys, or null.</summary>
    public string? DuplicateKeysError { get; }

    /// <summary>Parses a JSON apply body.</summary>
    /// <exception cref="PatchException">400 <c>error decoding YAML</c>: the body is not a JSON object.</exception>
    public static ApplyConfiguration Parse(ReadOnlySpan<byte> body)
    {
        var parsed = JsonBody.TryParse(body, out var syntaxError);
        if (parsed?.Root is not JsonObject obj)
        {
            throw PatchException.BadRequest("error decoding YAML: " + (syntaxError is not null
                ? $"error converting YAML to JSON: yaml: {syntaxError}"
                : "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"));
        }

        var duplicates = parsed.DuplicateLines.Count == 0
            ? null
            : "error converting YAML to JSON: yaml: unmarshal errors:" + string.Concat(parsed.DuplicateLines.Select(d => $"\n  line {d.Line}: key {GoText.Quote(d.Key)} already set in map"));
        return new ApplyConfiguration(obj, duplicates);
    }

    /// <summary>Wraps a configuration the caller parsed (e.g. from YAML), with the YAML reader's duplicate-key error if it had one.</summary>
    public static ApplyConfiguration FromParsed(JsonObject configuration, string? duplicateKeysError = null) =>
        new(configuration ?? throw new ArgumentNullException(nameof(configuration)), duplicateKeysError);

    /// <summary>
    /// What kube-apiserver does about repeated keys once the apply itself succeeded: with <c>Strict</c>, fail with
    /// 400 <c>error strict decoding YAML: ...</c>; with <c>Warn</c>, return the warning to send; with <c>Ignore</c>, nothing.
    /// </summary>
    /// <exception cref="PatchException">400 (Strict) when a key is repeated.</exception>
    public IReadOnlyList<string> CheckDuplicates(FieldValidationMode mode) =>
        DuplicateKeysError is null || mode == FieldValidationMode.Ignore ? []
        : mode == FieldValidationMode.Strict ? throw PatchException.BadRequest("error strict decoding YAML: " + DuplicateKeysError)
        : [DuplicateKeysError];
}
