using Keelson.Simulator.Api;

namespace Keelson.Simulator.Controllers.ReplicaSets;

/// <summary>
/// kube's slow-start batches for creating many pods: 1, then 2, 4, 8… so that a controller
/// whose creations are all refused (quota, admission, a bad template) learns it after one
/// request rather than after hundreds, and does not flood the cluster with failure events.
/// </summary>
internal static class SlowStart
{
    /// <summary>
    /// Calls <paramref name="create"/> with 0, 1, … <paramref name="count"/> − 1 in batches of
    /// 1, 2, 4…, and stops after a batch in which a call failed.
    /// </summary>
    /// <returns>How many calls succeeded, and the first failure.</returns>
    public static (int Succeeded, ApiException? Error) Run(int count, Func<int, ApiException?> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var succeeded = 0;
        ApiException? error = null;
        var next = 0;
        for (var batch = Math.Min(count, 1); next < count; batch = Math.Min(2 * batch, count - next))
        {
            for (var i = 0; i < batch; i++, next++)
            {
                if (create(next) is { } failure)
                {
                    error ??= failure;
                }
                else
                {
                    succeeded++;
                }
            }

            if (error is not null)
            {
                break;
            }
        }

        return (succeeded, error);
    }
}
