namespace Keelson.Simulator.Faults;

/// <summary>A fault request that cannot be carried out: unknown type, bad parameters, unknown id.</summary>
/// <param name="message">What is wrong and what to do.</param>
/// <param name="statusCode">The HTTP status the fault API answers with.</param>
public sealed class FaultException(string message, int statusCode = 400) : Exception(message)
{
    /// <summary>The HTTP status the fault API answers with.</summary>
    public int StatusCode { get; } = statusCode;
}
