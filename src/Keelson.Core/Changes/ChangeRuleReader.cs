using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Core.Flows.Definitions;
using Keelson.Kubernetes.Selectors;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Core.Changes;

/// <summary>
/// Reads a rule file strictly: an unknown field, a value of the wrong type, a time zone that does not
/// exist or a window that cannot be read is reported with the file, the line, the rule and the field.
/// </summary>
/// <remarks>
/// <code>
/// rules:
///   - name: black-friday
///     kind: freeze
///     timeZone: Europe/Berlin
///     windows:
///       - {from: 2026-11-27T00:00, to: 2026-11-30T00:00}
///       - {days: [weekends], start: "00:00", end: "24:00"}
///     exceptions:
///       - {date: 2026-11-28, reason: sale cancelled}
///       - {change: 12, reason: payment hotfix}
///   - {name: prod-approval, kind: approval, clusters: "tier=1", role: admin, approvals: 1, expiresAfter: 4h}
///   - {name: big-changes, kind: approval, above: {pods: 50, nodes: 5}}
///   - {name: one-at-a-time, kind: concurrency, limit: 1}
///   - {name: e2e, kind: webhook, url: "https://e2e.example.com/check", timeout: 5s}
/// </code>
/// </remarks>
public static partial class ChangeRuleReader
{
    private static readonly string[] CommonFields = ["name", "kind", "description", "clusters"];
    private static readonly Dictionary<ChangeRuleKind, string[]> KindFields = new()
    {
        [ChangeRuleKind.Freeze] = ["timeZone", "windows", "exceptions"],
        [ChangeRuleKind.Approval] = ["role", "approvals", "expiresAfter", "above"],
        [ChangeRuleKind.Concurrency] = ["limit"],
        [ChangeRuleKind.Webhook] = ["url", "timeout"],
    };

    private static readonly string[] WindowFields = ["from", "to", "days", "start", "end"];
    private static readonly string[] ExceptionFields = ["date", "change", "flow", "reason"];
    private static readonly string[] ThresholdFields = ["pods", "nodes", "workloads", "clusters"];

    /// <summary>Reads every rule of <paramref name="text"/>.</summary>
    /// <param name="text">The YAML (or JSON) rule file: <c>rules:</c> and a list of rules.</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <exception cref="ChangeRuleException">The file is malformed or a rule is invalid; every problem is listed.</exception>
    public static IReadOnlyList<ChangeRule> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        IReadOnlyList<JsonNode> documents;
        try
        {
            documents = YamlJson.ToJsonNodes(text, source);
        }
        catch (ManifestException e)
        {
            // The exception's message starts with "file: document N, line N: "; the error says where already.
            var line = e.Message.IndexOf(", line ", StringComparison.Ordinal);
            var start = line < 0 ? -1 : e.Message.IndexOf(": ", line, StringComparison.Ordinal);
            throw new ChangeRuleException([new ChangeRuleError(source, e.Line, null, "", start < 0 ? e.Message : e.Message[(start + 2)..])]);
        }

        if (documents.Count != 1)
        {
            throw new ChangeRuleException([new ChangeRuleError(source, 1, null, "",
                documents.Count == 0 ? "the file is empty; write 'rules:' and a list of rules" : "expected one YAML document, found several; put every rule under one 'rules:' list")]);
        }

        var reader = new Reader(source, FlowSourceMap.Build(text, source));
        var rules = reader.File(documents[0]);
        if (reader.Errors.Count > 0)
        {
            throw new ChangeRuleException(reader.Errors);
        }

        return rules;
    }

    /// <summary>Reads a rule stored as JSON.</summary>
    internal static ChangeRule FromJson(string json, string source)
    {
        var rules = Parse($"{{\"rules\": [{json}]}}", source);
        return rules[0];
    }

    /// <summary>A rule as the JSON it is stored and digested as.</summary>
    internal static string ToJson(ChangeRule rule) => JsonSerializer.Serialize(rule, ChangeJson.Options);

    /// <summary>The days of the week a <see cref="FreezeWindow.Days"/> entry stands for, or null when it is not one.</summary>
    internal static DayOfWeek[]? Days(string text) => text.ToLowerInvariant() switch
    {
        "mon" or "monday" => [DayOfWeek.Monday],
        "tue" or "tuesday" => [DayOfWeek.Tuesday],
        "wed" or "wednesday" => [DayOfWeek.Wednesday],
        "thu" or "thursday" => [DayOfWeek.Thursday],
        "fri" or "friday" => [DayOfWeek.Friday],
        "sat" or "saturday" => [DayOfWeek.Saturday],
        "sun" or "sunday" => [DayOfWeek.Sunday],
        "weekdays" => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        "weekends" => [DayOfWeek.Saturday, DayOfWeek.Sunday],
        "daily" => Enum.GetValues<DayOfWeek>(),
        _ => null,
    };

    /// <summary>A <c>HH:mm</c> time of day (<c>24:00</c> allowed), or null.</summary>
    internal static TimeSpan? TimeOfDay(string text)
    {
        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return (hours < 24 && minutes < 60) || (hours == 24 && minutes == 0) ? new TimeSpan(hours, minutes, 0) : null;
    }

    /// <summary>A local date-time (<c>2026-11-27T00:00</c>, seconds optional), or null.</summary>
    internal static DateTime? LocalDateTime(string text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? DateTime.SpecifyKind(at, DateTimeKind.Unspecified)
            : null;

    /// <summary>A local date (<c>2026-11-28</c>), or null.</summary>
    internal static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    [GeneratedRegex("^([0-9]{1,2}):([0-9]{2})$")]
    private static partial Regex TimePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex NamePattern();

    private sealed class Reader(string source, FlowSourceMap map)
    {
        private string? _rule;

        public List<ChangeRuleError> Errors { get; } = [];

        public List<ChangeRule> File(JsonNode root)
        {
            var rules = new List<ChangeRule>();
            if (root is not JsonObject file || file["rules"] is not JsonArray list)
            {
                Add("", root is JsonObject ? "the file needs 'rules:' with a list of rules (each with a name and a kind)" : $"expected a mapping with 'rules:', found {Describe(root)}");
                return rules;
            }

            foreach (var (key, _) in file.Where(p => p.Key != "rules"))
            {
                Add(key, "unknown field; a rule file has only 'rules:'");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var path = $"rules[{i}]";
                _rule = list[i] is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out var n) ? n : path;
                if (Rule(list[i], path) is { } rule)
                {
                    if (!seen.Add(rule.Name))
                    {
                        Add($"{path}.name", $"another rule in this file is also named \"{rule.Name}\"; names are unique");
                    }

                    rules.Add(rule);
                }
            }

            _rule = null;
            if (list.Count == 0)
            {
                Add("rules", "the list is empty; add at least one rule");
            }

            return rules;
        }

        private ChangeRule? Rule(JsonNode? node, string path)
        {
            if (node is not JsonObject obj)
            {
                Add(path, $"expected a rule (a mapping with name and kind), found {Describe(node)}");
                return null;
            }

            var name = String(obj, "name", path);
            if (name is null)
            {
                Add(path, "a rule needs a name");
            }
            else if (!NamePattern().IsMatch(name))
            {
                Add($"{path}.name", $"\"{name}\" is not a valid name; use lower-case letters, digits and '-' (at most 63)");
            }

            var kindText = String(obj, "kind", path);
            ChangeRuleKind? kind = null;
            if (kindText is null)
            {
                Add(path, "a rule needs a kind: freeze, approval, concurrency or webhook");
            }
            else if (Enum.TryParse<ChangeRuleKind>(kindText, ignoreCase: true, out var parsed) && !char.IsDigit(kindText[0]))
            {
                kind = parsed;
            }
            else
            {
                Add($"{path}.kind", $"\"{kindText}\" is not a kind of rule; use freeze, approval, concurrency or webhook");
            }

            var allowed = kind is { } k ? [.. CommonFields, .. KindFields[k]] : KindFields.Values.SelectMany(f => f).Concat(CommonFields).ToArray();
            foreach (var (key, _) in obj.Where(p => !allowed.Contains(p.Key)))
            {
                var owner = KindFields.FirstOrDefault(f => f.Value.Contains(key)).Value is not null
                    ? $"; it belongs to a {KindFields.First(f => f.Value.Contains(key)).Key.ToString().ToLowerInvariant()} rule"
                    : "";
                Add($"{path}.{key}", $"unknown field for a {kindText} rule{owner}; the fields are: {string.Join(", ", allowed)}");
            }

            var clusters = String(obj, "clusters", path);
            if (clusters is not null && !LabelMatcher.TryParse(clusters, out _))
            {
                Add($"{path}.clusters", $"\"{clusters}\" is not a tag selector; write e.g. env=production or tier in (1,2)");
            }

            if (name is null || kind is null)
            {
                return null;
            }

            var rule = new ChangeRule { Name = name, Kind = kind.Value, Description = String(obj, "description", path), Clusters = clusters };
            return kind switch
            {
                ChangeRuleKind.Freeze => Freeze(obj, path, rule),
                ChangeRuleKind.Approval => Approval(obj, path, rule),
                ChangeRuleKind.Concurrency => rule with { Limit = Integer(obj, "limit", path, min: 1, required: true) },
                _ => Webhook(obj, path, rule),
            };
        }

        private ChangeRule Freeze(JsonObject obj, string path, ChangeRule rule)
        {
            var zone = String(obj, "timeZone", path);
            if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                Add($"{path}.timeZone", $"\"{zone}\" is not an IANA time zone known here; use e.g. Europe/Berlin, America/New_York or UTC");
            }

            var windows = new List<FreezeWindow>();
            if (obj["windows"] is JsonArray list && list.Count > 0)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (Window(list[i], $"{path}.windows[{i}]") is { } window)
                    {
                        windows.Add(window);
                    }
                }
            }
            else
            {
                Add(obj["windows"] is null ? path : $"{path}.windows", "a freeze needs windows: a list of {from, to} (local date-times) or {days, start, end} (recurring)");
            }

            var exceptions = new List<FreezeException>();
            if (obj["exceptions"] is { } exceptionsNode)
            {
                if (exceptionsNode is not JsonArray items)
                {
                    Add($"{path}.exceptions", $"expected a list, found {Describe(exceptionsNode)}");
                }
                else
                {
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (Exception(items[i], $"{path}.exceptions[{i}]") is { } exception)
                        {
                            exceptions.Add(exception);
                        }
                    }
                }
            }

            return rule with { TimeZone = zone, Windows = windows, Exceptions = exceptions };
        }

        private FreezeWindow? Window(JsonNode? node, string path)
        {
            if (!Object(node, path, WindowFields, out var obj))
            {
                return null;
            }

            var window = new FreezeWindow
            {
                From = String(obj, "from", path),
                To = String(obj, "to", path),
                Start = String(obj, "start", path),
                End = String(obj, "end", path),
                Days = StringList(obj, "days", path),
            };
            var oneOff = window.From is not null || window.To is not null;
            var recurring = window.Start is not null || window.End is not null || window.Days is not null;
            if (oneOff == recurring)
            {
                Add(path, oneOff
                    ? "a window is either one-off (from, to) or recurring (days, start, end), not both"
                    : "a window needs from and to (local date-times, e.g. 2026-11-27T00:00), or start and end (HH:mm) with optional days");
                return null;
            }

            if (oneOff)
            {
                var from = Check(window.From, $"{path}.from", LocalDateTime, "a local date-time like 2026-11-27T00:00");
                var to = Check(window.To, $"{path}.to", LocalDateTime, "a local date-time like 2026-11-30T00:00");
                if (from is { } f && to is { } t && t <= f)
                {
                    Add($"{path}.to", $"{window.To} is not after from ({window.From})");
                }

                return window;
            }

            var start = Check(window.Start, $"{path}.start", TimeOfDay, "a time of day HH:mm like 22:00");
            var end = Check(window.End, $"{path}.end", TimeOfDay, "a time of day HH:mm like 06:00 (24:00 for midnight)");
            if (start is { } s && end is { } e && s == e)
            {
                Add($"{path}.end", "equals start; a window of no time freezes nothing (use 00:00 to 24:00 for a whole day)");
            }

            for (var i = 0; i < (window.Days?.Count ?? 0); i++)
            {
                if (Days(window.Days![i]) is null)
                {
                    Add($"{path}.days[{i}]", $"\"{window.Days[i]}\" is not a day; use mon, tue, wed, thu, fri, sat, sun, weekdays, weekends or daily");
                }
            }

            return window;
        }

        private FreezeException? Exception(JsonNode? node, string path)
        {
            if (!Object(node, path, ExceptionFields, out var obj))
            {
                return null;
            }

            var exception = new FreezeException
            {
                Date = String(obj, "date", path),
                Change = Integer(obj, "change", path, min: 1, required: false),
                Flow = String(obj, "flow", path),
                Reason = String(obj, "reason", path),
            };
            if (exception.Date is not null)
            {
                Check(exception.Date, $"{path}.date", Date, "a local date like 2026-11-28");
            }
            if (exception.Date is null && exception.Change is null && exception.Flow is null)
            {
                Add(path, "an exception needs a date, a change (id) or a flow");
            }

            return exception;
        }

        private ChangeRule Approval(JsonObject obj, string path, ChangeRule rule)
        {
            var role = String(obj, "role", path);
            if (role is not null && role is not ("viewer" or "operator" or "admin"))
            {
                Add($"{path}.role", $"\"{role}\" is not a role; use operator or admin");
            }

            var expires = String(obj, "expiresAfter", path);
            if (expires is not null && (!GoDuration.TryParse(expires, out var duration) || duration <= TimeSpan.Zero))
            {
                Add($"{path}.expiresAfter", $"\"{expires}\" is not a positive duration; write e.g. 30m, 4h or 72h");
            }

            BlastThreshold? above = null;
            if (obj["above"] is { } aboveNode && Object(aboveNode, $"{path}.above", ThresholdFields, out var a))
            {
                above = new BlastThreshold
                {
                    Pods = Integer(a, "pods", $"{path}.above", min: 0, required: false),
                    Nodes = Integer(a, "nodes", $"{path}.above", min: 0, required: false),
                    Workloads = Integer(a, "workloads", $"{path}.above", min: 0, required: false),
                    Clusters = Integer(a, "clusters", $"{path}.above", min: 0, required: false),
                };
                if (above == new BlastThreshold())
                {
                    Add($"{path}.above", "give at least one of pods, nodes, workloads, clusters");
                }
            }

            return rule with { Role = role, Approvals = Integer(obj, "approvals", path, min: 1, required: false), ExpiresAfter = expires, Above = above };
        }

        private ChangeRule Webhook(JsonObject obj, string path, ChangeRule rule)
        {
            var url = String(obj, "url", path);
            if (url is null)
            {
                Add(path, "a webhook rule needs a url");
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                Add($"{path}.url", $"\"{url}\" is not an http(s) URL");
            }

            var timeout = String(obj, "timeout", path);
            if (timeout is not null && (!GoDuration.TryParse(timeout, out var duration) || duration <= TimeSpan.Zero || duration > TimeSpan.FromMinutes(5)))
            {
                Add($"{path}.timeout", $"\"{timeout}\" is not a duration between 1ms and 5m; write e.g. 5s");
            }

            return rule with { Url = url, Timeout = timeout };
        }

        private T? Check<T>(string? text, string path, Func<string, T?> parse, string expected)
            where T : struct
        {
            if (text is null)
            {
                Add(path, $"missing; expected {expected}");
                return null;
            }

            var value = parse(text);
            if (value is null)
            {
                Add(path, $"\"{text}\" is not {expected}");
            }

            return value;
        }

        private bool Object(JsonNode? node, string path, string[] fields, out JsonObject obj)
        {
            if (node is not JsonObject found)
            {
                Add(path, $"expected a mapping with {string.Join(", ", fields)}, found {Describe(node)}");
                obj = [];
                return false;
            }

            foreach (var (key, _) in found.Where(p => !fields.Contains(p.Key)))
            {
                Add($"{path}.{key}", $"unknown field; the fields are: {string.Join(", ", fields)}");
            }

            obj = found;
            return true;
        }

        private string? String(JsonObject obj, string field, string path)
        {
            var node = obj[field];
            if (node is null)
            {
                return null;
            }

            if (node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                return text.Trim().Length == 0 ? Empty(field, path) : text;
            }

            Add($"{path}.{field}", $"expected text, found {Describe(node)}");
            return null;
        }

        private string? Empty(string field, string path)
        {
            Add($"{path}.{field}", "is empty");
            return null;
        }

        private List<string>? StringList(JsonObject obj, string field, string path)
        {
            var node = obj[field];
            if (node is null)
            {
                return null;
            }

            if (node is JsonArray list && list.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String))
            {
                return [.. list.Select(i => i!.GetValue<string>())];
            }

            Add($"{path}.{field}", $"expected a list of text, found {Describe(node)}");
            return null;
        }

        private int? Integer(JsonObject obj, string field, string path, int min, bool required)
        {
            var node = obj[field];
            if (node is null)
            {
                if (required)
                {
                    Add(path, $"{field} is required (a whole number, at least {min})");
                }

                return null;
            }

            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) && number >= min)
            {
                return number;
            }

            Add($"{path}.{field}", $"expected a whole number of at least {min}, found {node.ToJsonString()}");
            return null;
        }

        private void Add(string path, string message)
        {
            var field = path;
            if (_rule is not null)
            {
                var cut = path.IndexOf(']', StringComparison.Ordinal);
                field = path.StartsWith("rules[", StringComparison.Ordinal) && cut > 0 ? path[(cut + 1)..].TrimStart('.') : path;
            }

            Errors.Add(new ChangeRuleError(source, map.LineOf(path), _rule, field, message));
        }

        private static string Describe(JsonNode? node) => node switch
        {
            null => "nothing",
            JsonArray => "a list",
            JsonObject => "a mapping",
            _ => node.GetValueKind() == JsonValueKind.String ? $"text \"{node.GetValue<string>()}\"" : node.ToJsonString(),
        };
    }
}
