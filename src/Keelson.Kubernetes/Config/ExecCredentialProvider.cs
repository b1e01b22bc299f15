using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Keelson.Kubernetes.Config;

/// <summary>
/// Gets a bearer token from an exec credential plugin (client.authentication.k8s.io v1 or v1beta1),
/// the way kubectl does: the command runs without a shell and without a terminal, with
/// <c>KUBERNETES_EXEC_INFO</c> describing the request (and the cluster when the plugin asks for it),
/// and prints an <c>ExecCredential</c>. The token is cached until its <c>expirationTimestamp</c>
/// (forever when it has none) or until <see cref="Invalidate"/>; concurrent callers share one run.
/// Plugins that return a client certificate instead of a token are refused.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim never creates its wait handle, so there is nothing to dispose.")]
public sealed class ExecCredentialProvider : ICredentialProvider
{
    private const int StandardErrorLimit = 4000;

    private readonly KubeConfigExec _exec;
    private readonly string _userName;
    private readonly string _execInfo;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();

    // Serializes plugin runs: a plugin may be slow or rate limited, and one run serves every waiter.
    private readonly SemaphoreSlim _run = new(1, 1);
    private (AuthenticationHeaderValue Header, DateTimeOffset? Expiry)? _token;

    /// <summary>Creates the provider. The plugin first runs when a request needs a token.</summary>
    /// <param name="exec">The plugin's configuration.</param>
    /// <param name="userName">The kubeconfig user, named in error messages.</param>
    /// <param name="cluster">The cluster, passed to the plugin when <see cref="KubeConfigExec.ProvideClusterInfo"/> is set.</param>
    /// <param name="timeProvider">The clock that decides when a token has expired; the system clock by default.</param>
    /// <exception cref="KubeConfigException">The configuration is invalid.</exception>
    public ExecCredentialProvider(KubeConfigExec exec, string userName, KubeConfigCluster? cluster = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(exec);
        ArgumentNullException.ThrowIfNull(userName);
        exec.Validate($"user \"{userName}\"");
        _exec = exec;
        _userName = userName;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _execInfo = DescribeRequest(exec, exec.ProvideClusterInfo ? cluster : null);
    }

    /// <inheritdoc />
    /// <exception cref="CredentialException">The plugin is missing, failed, or printed no usable token.</exception>
    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        if (Cached() is { } header)
        {
            return header;
        }

        await _run.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have run the plugin while this one waited.
            if (Cached() is { } fresh)
            {
                return fresh;
            }

            var token = await RunAsync(cancellationToken);
            lock (_lock)
            {
                _token = token;
            }

            return token.Header;
        }
        finally
        {
            _run.Release();
        }
    }

    /// <summary>Drops the cached token so that the next request runs the plugin again (called after a 401).</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _token = null;
        }
    }

    private AuthenticationHeaderValue? Cached()
    {
        lock (_lock)
        {
            return _token is { } token && (token.Expiry is not { } expiry || _timeProvider.GetUtcNow() <= expiry)
                ? token.Header
                : null;
        }
    }

    private async Task<(AuthenticationHeaderValue Header, DateTimeOffset? Expiry)> RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_exec.Command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in _exec.Args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _exec.Env)
        {
            start.Environment[name] = value;
        }

        start.Environment["KUBERNETES_EXEC_INFO"] = _execInfo;

        using var process = Start(start);
        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        var output = await standardOutput;
        var errors = (await standardError).Trim();
        if (process.ExitCode != 0)
        {
            if (errors.Length > StandardErrorLimit)
            {
                errors = string.Concat(errors.AsSpan(0, StandardErrorLimit), " …");
            }

            var said = errors.Length > 0 ? $": {errors}" : " and printed nothing on stderr";
            throw new CredentialException($"{Plugin} failed with exit code {process.ExitCode}{said}{Hint}");
        }

        return ParseCredential(output);
    }

    private Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new CredentialException($"{Plugin} could not be started{Hint}");
        }
        catch (Win32Exception e)
        {
            var why = e.NativeErrorCode switch
            {
                2 => "was not found (it is not on PATH, or the path does not exist)",
                13 => "is not executable (check its permissions, e.g. chmod +x)",
                _ => $"could not be started: {e.Message}",
            };
            throw new CredentialException($"{Plugin} {why}{Hint}", e);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }

    private (AuthenticationHeaderValue Header, DateTimeOffset? Expiry) ParseCredential(string output)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException e)
        {
            throw new CredentialException($"{Plugin} printed something that is not an ExecCredential in JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CredentialException($"{Plugin} printed JSON that is not an ExecCredential object");
            }

            var apiVersion = Text(root, "apiVersion");
            if (apiVersion != _exec.ApiVersion)
            {
                throw new CredentialException(
                    $"{Plugin} is configured to use API version {_exec.ApiVersion}, but it returned version {apiVersion ?? "(none)"}; set exec.apiVersion to what the plugin speaks");
            }

            if (Text(root, "kind") != "ExecCredential")
            {
                throw new CredentialException($"{Plugin} returned kind \"{Text(root, "kind")}\", not ExecCredential");
            }

            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
            {
                throw new CredentialException($"{Plugin} returned an ExecCredential without a status");
            }

            if (!string.IsNullOrEmpty(Text(status, "clientCertificateData")) || !string.IsNullOrEmpty(Text(status, "clientKeyData")))
            {
                throw new CredentialException(
                    $"{Plugin} returned a client certificate; Keelson supports only exec plugins that return a token (status.token)");
            }

            var token = Text(status, "token");
            if (string.IsNullOrEmpty(token))
            {
                throw new CredentialException($"{Plugin} returned an ExecCredential without status.token");
            }

            DateTimeOffset? expiry = null;
            if (Text(status, "expirationTimestamp") is { Length: > 0 } timestamp)
            {
                if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    throw new CredentialException(
                        $"{Plugin} returned expirationTimestamp \"{timestamp}\", which is not an RFC 3339 time like 2024-01-02T15:04:05Z");
                }

                expiry = parsed;
            }

            return (new AuthenticationHeaderValue("Bearer", token), expiry);
        }
    }

    private string Plugin => $"user \"{_userName}\": exec plugin {_exec.Command}";

    private string Hint => string.IsNullOrWhiteSpace(_exec.InstallHint) ? "" : $". {_exec.InstallHint.Trim()}";

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The ExecCredential kubectl passes in KUBERNETES_EXEC_INFO: never interactive, the cluster only when asked.</summary>
    private static string DescribeRequest(KubeConfigExec exec, KubeConfigCluster? cluster)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("apiVersion", exec.ApiVersion);
            json.WriteString("kind", "ExecCredential");
            json.WriteStartObject("spec");
            if (cluster is not null)
            {
                json.WriteStartObject("cluster");
                json.WriteString("server", cluster.Server ?? "");
                if (!string.IsNullOrEmpty(cluster.TlsServerName))
                {
                    json.WriteString("tls-server-name", cluster.TlsServerName);
                }

                if (cluster.InsecureSkipTlsVerify)
                {
                    json.WriteBoolean("insecure-skip-tls-verify", true);
                }

                if (cluster.ReadCertificateAuthorityPem() is { } pem)
                {
                    json.WriteBase64String("certificate-authority-data", Encoding.UTF8.GetBytes(pem));
                }

                if (!string.IsNullOrEmpty(cluster.ProxyUrl))
                {
                    json.WriteString("proxy-url", cluster.ProxyUrl);
                }

                json.WriteEndObject();
            }

            json.WriteBoolean("interactive", false);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
