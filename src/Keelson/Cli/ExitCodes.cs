namespace Keelson.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The work failed (a server, a cluster or the network said no).</summary>
    public const int Failed = 1;

    /// <summary>The input was wrong (a flag, a file, a value); nothing was done.</summary>
    public const int BadInput = 2;

    /// <summary>Not logged in, or the server refused the token (log in again).</summary>
    public const int Unauthenticated = 3;

    /// <summary>Logged in but not allowed (the message names the missing grant).</summary>
    public const int Forbidden = 4;
}
