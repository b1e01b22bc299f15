namespace Keelson.Server;

/// <summary>A setting is wrong; the message names the key, where it came from, and what is accepted.</summary>
/// <param name="message">The message.</param>
public sealed class SettingsException(string message) : Exception(message);
