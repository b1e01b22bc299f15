namespace Keelson.Storage.Migrations;

/// <summary>
/// Keelson refuses to start on this database: the message says what is wrong with the schema
/// and what to do about it.
/// </summary>
public sealed class MigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MigrationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
