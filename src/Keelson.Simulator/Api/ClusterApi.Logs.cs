using System.Globalization;
using System.Text;
using Keelson.Simulator.Kubelet;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;
using Microsoft.AspNetCore.Http;

namespace Keelson.Simulator.Api;

/// <summary>
/// pods/log: a container's log as plain text, as kube-apiserver proxies it from the kubelet —
/// <c>container</c> (required when the pod has several), <c>previous</c>, <c>tailLines</c>,
/// <c>sinceSeconds</c>/<c>sinceTime</c>, <c>timestamps</c>, <c>limitBytes</c>, and <c>follow</c>,
/// which streams new lines until the container stops or the client goes.
/// </summary>
public sealed partial class ClusterApi
{
    private async Task LogAsync(HttpContext context, RequestTarget target, StoredObject pod)
    {
        var query = context.Request.Query;
        var json = ObjectRegistry.Parse(pod);
        var name = pod.Key.Name;
        var containers = (json["spec"]?["containers"] as System.Text.Json.Nodes.JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>() ?? "").ToList();
        var inits = (json["spec"]?["initContainers"] as System.Text.Json.Nodes.JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>() ?? "").ToList();
        var container = query["container"].ToString();
        if (container.Length == 0)
        {
            container = containers.Count switch
            {
                1 => containers[0],
                0 => throw ApiException.BadRequest($"a container name must be specified for pod {name}"),
                _ => throw ApiException.BadRequest(
                    $"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers)}]" +
                    (inits.Count > 0 ? $" or one of the init containers: [{string.Join(' ', inits)}]" : "")),
            };
        }
        else if (!containers.Contains(container) && !inits.Contains(container))
        {
            throw ApiException.BadRequest($"container {container} is not valid for pod {name}");
        }

        if (string.IsNullOrEmpty(pod.Field(target.Kind, "spec.nodeName")))
        {
            throw ApiException.BadRequest($"pod {name} does not have a host assigned");
        }

        var tail = Int(query["tailLines"], "tailLines");
        var limit = Int(query["limitBytes"], "limitBytes");
        DateTimeOffset? since = null;
        if (Int(query["sinceSeconds"], "sinceSeconds") is { } seconds)
        {
            since = seconds > 0 ? _time.GetUtcNow().AddSeconds(-seconds) : throw ApiException.BadRequest("sinceSeconds: Invalid value: 0: must be greater than 0");
        }
        else if (query["sinceTime"].ToString() is { Length: > 0 } sinceTime)
        {
            since = DateTimeOffset.TryParse(sinceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t
                : throw ApiException.BadRequest($"sinceTime: \"{sinceTime}\" is not an RFC 3339 time");
        }

        var kubelets = _cluster.Runtime?.Kubelets ?? throw ApiException.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: ContainerCreating");
        var (logs, run) = kubelets.Log(pod, container, Flag(query["previous"]));
        var timestamps = Flag(query["timestamps"]);
        var follow = Flag(query["follow"]);
        var interval = kubelets.LogInterval;

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        var budget = limit ?? long.MaxValue;
        var next = 0;
        foreach (var (index, line) in LogScript.Read(run, _time.GetUtcNow(), interval, since, tail))
        {
            if (!await WriteLineAsync(context, line, timestamps, ref budget))
            {
                return;
            }

            next = index + 1;
        }

        next = Math.Max(next, LogScript.Count(run, _time.GetUtcNow(), interval));
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (follow)
        {
            await FollowAsync(context, logs, run, next, interval, timestamps, budget);
        }
    }

    /// <summary>Streams the run's new lines until it stops (or is replaced by a restart) or the client goes.</summary>
    private async Task FollowAsync(HttpContext context, ContainerLogs logs, LogInstance run, int next, TimeSpan interval, bool timestamps, long budget)
    {
        var aborted = context.RequestAborted;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var changed = logs.Changed;
                run = logs.Current?.StartedAt == run.StartedAt ? logs.Current
                    : logs.Previous?.StartedAt == run.StartedAt ? logs.Previous
                    : run;
                var now = _time.GetUtcNow();
                foreach (var (index, line) in LogScript.Read(run, now, interval, from: next))
                {
                    if (!await WriteLineAsync(context, line, timestamps, ref budget))
                    {
                        return;
                    }

                    next = index + 1;
                }

                await context.Response.Body.FlushAsync(aborted);
                if (run.FinishedAt is { } finished && finished <= now)
                {
                    return;
                }

                var wake = LogScript.NextLineAt(run, now, interval) is { } at && at > now ? at - now : TimeSpan.FromSeconds(1);
                using var sleep = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                await Task.WhenAny(changed, Task.Delay(wake, _time, sleep.Token));
                await sleep.CancelAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static ValueTask<bool> WriteLineAsync(HttpContext context, LogLine line, bool timestamps, ref long budget)
    {
        var text = timestamps
            ? $"{line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)} {line.Text}\n"
            : line.Text + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > budget)
        {
            bytes = bytes[..(int)budget];
        }

        budget -= bytes.Length;
        var write = context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        return budget > 0 ? AfterAsync(write, true) : AfterAsync(write, false);
    }

    private static async ValueTask<bool> AfterAsync(ValueTask write, bool more)
    {
        await write;
        return more;
    }
}
