namespace Keelson.Simulator.Validation;

/// <summary>How a kind's names are checked: the messages for a name that breaks the rule, none when it is valid.</summary>
internal delegate IReadOnlyList<string> NameRule(string name);
