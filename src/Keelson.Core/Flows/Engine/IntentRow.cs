namespace Keelson.Core.Flows.Engine;

/// <summary>A row of <c>flow_intents</c>: an action recorded before it was taken.</summary>
internal sealed class IntentRow
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";

    public string Key { get; set; } = "";

    public string State { get; set; } = Pending;

    public string? Result { get; set; }

    public string? Error { get; set; }
}
