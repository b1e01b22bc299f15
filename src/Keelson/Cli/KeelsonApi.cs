using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary>
/// The CLI's view of the REST API: JSON in and out, and every refusal turned into a message
/// and an exit code (401 → log in again, 403 → the missing grant, 4xx → the server's detail).
/// </summary>
internal sealed class KeelsonApi : IDisposable
{
    private readonly HttpClient _http;

    public KeelsonApi(Uri server, string? token)
    {
        Server = server;
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri Server { get; }

    public Task<JsonNode?> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Failed, $"cannot reach the Keelson server at {Server}: {e.Message} (is it running? is --server right?)");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return text.Length == 0 ? null : JsonNode.Parse(text);
            }

            var detail = Detail(text) ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new CliException(ExitCodes.Unauthenticated, $"{detail} — log in with: keelson login --server {Server}"),
                HttpStatusCode.Forbidden => new CliException(ExitCodes.Forbidden, detail),
                HttpStatusCode.BadRequest => new CliException(ExitCodes.BadInput, detail),
                _ => new CliException(ExitCodes.Failed, detail),
            };
        }
    }

    public void Dispose() => _http.Dispose();

    private static string? Detail(string problem)
    {
        try
        {
            return JsonNode.Parse(problem)?["detail"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return problem.Length is > 0 and < 500 ? problem : null;
        }
    }
}
