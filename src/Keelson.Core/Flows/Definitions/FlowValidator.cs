using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Core.Flows.Executors;
using Keelson.Core.Flows.Expressions;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Core.Flows.Definitions;

/// <summary>
/// Checks a flow definition against the registered executors: unknown executors and inputs,
/// missing inputs, inputs of the wrong type, bad expressions, references to parameters that do not
/// exist or to tasks a task does not need, unknown or cyclic <c>needs</c>. Every problem names the
/// task and field (and the line, when the definition came from text).
/// </summary>
public sealed partial class FlowValidator(FlowExecutors executors)
{
    private static readonly string[] Roots = ["params", "tasks", "item", "index", "run", "error"];
    private static readonly string[] TaskMembers = ["outputs", "status", "error"];
    private static readonly string[] RunMembers = ["id", "flow", "version", "startedBy"];

    /// <summary>Every problem of <paramref name="definition"/>; empty when it is valid.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="sourceMap">Where its fields were written, when it was read from text.</param>
    public IReadOnlyList<FlowValidationError> Validate(FlowDefinition definition, FlowSourceMap? sourceMap = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Check(definition, sourceMap, 0).Errors;
    }

    /// <summary>Validates and compiles <paramref name="definition"/>, stored as <paramref name="version"/>.</summary>
    /// <exception cref="FlowDefinitionException">The definition is invalid.</exception>
    internal CompiledFlow Compile(FlowDefinition definition, int version, FlowSourceMap? sourceMap = null)
    {
        var (flow, errors) = Check(definition, sourceMap, version);
        return errors.Count > 0 ? throw new FlowDefinitionException(errors) : flow!;
    }

    private (CompiledFlow? Flow, List<FlowValidationError> Errors) Check(FlowDefinition definition, FlowSourceMap? map, int version)
    {
        var errors = new FlowErrorLocator(map, i => i < definition.Tasks.Count ? definition.Tasks[i].Name : null);
        if (!FlowName().IsMatch(definition.Name) || definition.Name.Length > 63)
        {
            errors.Add("name", $"\"{definition.Name}\" is not a valid flow name; use up to 63 lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. drain-node)");
        }

        if (definition.Concurrency is < 1)
        {
            errors.Add("concurrency", $"must be at least 1, not {definition.Concurrency}");
        }

        var parameters = new Dictionary<string, FlowParameter>(StringComparer.Ordinal);
        foreach (var p in definition.Params)
        {
            var path = $"params.{p.Name}";
            if (!Identifier().IsMatch(p.Name))
            {
                errors.Add(path, $"\"{p.Name}\" is not a valid parameter name; use letters, digits, '_' and '-', starting with a letter");
            }
            else if (!parameters.TryAdd(p.Name, p))
            {
                errors.Add(path, $"parameter \"{p.Name}\" is declared twice");
            }

            if (p.Default is not null && TypeProblem(p.Type, p.Default) is { } problem)
            {
                errors.Add($"{path}.default", $"the default {problem}");
            }
        }

        if (definition.Tasks.Count == 0)
        {
            errors.Add("tasks", "a flow needs at least one task");
        }

        var compiled = new List<CompiledTask?>();
        var byName = new Dictionary<string, (CompiledTask? Task, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Tasks.Count; i++)
        {
            var task = definition.Tasks[i];
            var path = $"tasks[{i}]";
            if (!Identifier().IsMatch(task.Name))
            {
                errors.Add($"{path}.name", $"\"{task.Name}\" is not a valid task name; use letters, digits, '_' and '-', starting with a letter");
            }

            var c = CompileTask(task, task.Name, path, null, errors);
            compiled.Add(c);
            if (task.Name.Length > 0 && !byName.TryAdd(task.Name, (c, i)))
            {
                errors.Add($"{path}.name", $"another task (tasks[{byName[task.Name].Index}]) is already named \"{task.Name}\"; task names must be unique");
            }

            if (task.Concurrency is { } concurrency && (concurrency < 1 || task.ForEach is null))
            {
                errors.Add($"{path}.concurrency", task.ForEach is null ? "concurrency applies to forEach tasks only; remove it or add forEach" : $"must be at least 1, not {concurrency}");
            }

            if ((task.OnFailure == FailureAction.Compensate) != (task.Compensate is not null))
            {
                errors.Add(task.Compensate is null ? $"{path}.onFailure" : $"{path}.compensate",
                    task.Compensate is null ? "onFailure: compensate needs a 'compensate:' task (uses and with)" : "a compensate task runs only with 'onFailure: compensate'; set it or remove compensate");
            }

            if (task.Compensate is { } compensation && c is not null)
            {
                var cpath = $"{path}.compensate";
                if (compensation.Needs.Count > 0 || compensation.When is not null || compensation.ForEach is not null || compensation.Compensate is not null || compensation.OnFailure != FailureAction.Stop)
                {
                    errors.Add(cpath, "a compensating task has only uses, with, retry and timeout: it runs right after its task failed");
                }

                c.Compensation = CompileTask(compensation, $"{task.Name}/compensate", cpath, c, errors);
            }
        }

        // Needs, then cycles, then what expressions read (which needs the ancestors).
        for (var i = 0; i < definition.Tasks.Count; i++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var n = 0; n < definition.Tasks[i].Needs.Count; n++)
            {
                var need = definition.Tasks[i].Needs[n];
                var path = $"tasks[{i}].needs[{n}]";
                if (need == definition.Tasks[i].Name)
                {
                    errors.Add(path, "a task cannot need itself");
                }
                else if (!byName.TryGetValue(need, out var target))
                {
                    errors.Add(path, $"no task is named \"{need}\"{Suggest(need, byName.Keys)}");
                }
                else if (!seen.Add(need))
                {
                    errors.Add(path, $"\"{need}\" is listed twice");
                }
                else if (compiled[i] is { } self && target.Task is { } dependency)
                {
                    self.Needs.Add(dependency);
                    dependency.Dependents.Add(self);
                }
            }
        }

        var cyclic = FindCycles(definition, byName, errors);
        for (var i = 0; i < definition.Tasks.Count; i++)
        {
            if (compiled[i] is not { } task || cyclic.Contains(task.Name))
            {
                continue;
            }

            var ancestors = Ancestors(task);
            CheckReferences(task, $"tasks[{i}]", parameters, byName.Keys, ancestors, errors);
            if (task.Compensation is { } compensation)
            {
                CheckReferences(compensation, $"tasks[{i}].compensate", parameters, byName.Keys, [.. ancestors, task.Name], errors);
            }
        }

        if (errors.Errors.Count > 0)
        {
            return (null, errors.Errors);
        }

        return (new CompiledFlow(definition, version, Order(compiled!)), errors.Errors);
    }

    private CompiledTask? CompileTask(FlowTask task, string name, string path, CompiledTask? owner, FlowErrorLocator errors)
    {
        var executor = executors.Find(task.Uses);
        if (executor is null)
        {
            errors.Add($"{path}.uses", task.Uses.Length == 0
                ? "missing; name the executor that does the work, e.g. uses: kube.apply"
                : $"unknown executor \"{task.Uses}\"{Suggest(task.Uses, executors.All.Select(e => e.Name))}; the executors are: {string.Join(", ", executors.All.Select(e => e.Name))}");
        }

        var inputs = new Dictionary<string, FlowTemplate>(StringComparer.Ordinal);
        foreach (var (key, value) in task.With)
        {
            var inputPath = $"{path}.with.{key}";
            var declared = executor?.Inputs.FirstOrDefault(input => input.Name == key);
            if (executor is not null && declared is null)
            {
                errors.Add(inputPath, $"{executor.Name} has no input \"{key}\"; its inputs are: {string.Join(", ", executor.Inputs.Select(input => input.Name))}");
                continue;
            }

            var problems = new List<(string Path, string Message)>();
            var template = FlowTemplate.Compile(value, problems);
            foreach (var (inner, message) in problems)
            {
                errors.Add(inner.Length == 0 ? inputPath : $"{inputPath}.{inner}", message);
            }

            if (declared is not null && template.Expressions.Count == 0 && TypeProblem(declared.Type, value) is { } problem)
            {
                errors.Add(inputPath, problem);
            }

            inputs[key] = template;
        }

        foreach (var input in executor?.Inputs.Where(input => input.Required && !task.With.ContainsKey(input.Name)) ?? [])
        {
            errors.Add($"{path}.with", $"{executor!.Name} needs input \"{input.Name}\" ({input.Description}); add it under with:");
        }

        FlowExpression? when = null;
        if (task.When is { } condition)
        {
            try
            {
                when = StringTemplate.ParseSingle(condition);
            }
            catch (ExpressionException e)
            {
                errors.Add($"{path}.when", e.Message);
            }
        }

        FlowTemplate? forEach = null;
        if (task.ForEach is { } items)
        {
            var problems = new List<(string Path, string Message)>();
            forEach = FlowTemplate.Compile(items, problems);
            foreach (var (inner, message) in problems)
            {
                errors.Add(inner.Length == 0 ? $"{path}.forEach" : $"{path}.forEach.{inner}", message);
            }

            if (problems.Count == 0 && items is not JsonArray && !(items is JsonValue v && v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith("${{", StringComparison.Ordinal) && text.TrimEnd().EndsWith("}}", StringComparison.Ordinal) && forEach.Expressions.Count == 1))
            {
                errors.Add($"{path}.forEach", "expected a list, or one expression giving a list such as ${{ params.clusters }}");
            }
        }

        CheckRetry(task, path, errors);
        if (task.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            errors.Add($"{path}.timeout", "must be longer than zero");
        }

        return executor is null ? null : new CompiledTask
        {
            Definition = task,
            Name = name,
            Executor = executor,
            Inputs = inputs,
            When = when,
            ForEach = forEach,
            CompensationFor = owner,
        };
    }

    private static void CheckRetry(FlowTask task, string path, FlowErrorLocator errors)
    {
        if (task.Retry is not { } retry)
        {
            return;
        }

        if (retry.Limit is < 0 or > 100)
        {
            errors.Add($"{path}.retry.limit", $"must be between 0 and 100, not {retry.Limit}");
        }

        if (retry.Backoff < TimeSpan.Zero || retry.MaxBackoff < retry.Backoff)
        {
            errors.Add($"{path}.retry.backoff", $"must be zero or more and at most maxBackoff ({GoDuration.Format(retry.MaxBackoff)})");
        }

        if (retry.Factor < 1)
        {
            errors.Add($"{path}.retry.factor", $"must be at least 1, not {retry.Factor}");
        }
    }

    private static void CheckReferences(CompiledTask task, string path, Dictionary<string, FlowParameter> parameters, IEnumerable<string> taskNames, HashSet<string> ancestors, FlowErrorLocator errors)
    {
        var expressions = task.Inputs.SelectMany(input => input.Value.Expressions.Select(e => (Path: $"{path}.with.{input.Key}{(e.Path.Length == 0 ? "" : "." + e.Path)}", e.Expression))).ToList();
        if (task.When is { } when)
        {
            expressions.Add(($"{path}.when", when));
        }

        if (task.ForEach is { } forEach)
        {
            expressions.AddRange(forEach.Expressions.Select(e => ($"{path}.forEach", e.Expression)));
        }

        foreach (var (at, expression) in expressions)
        {
            foreach (var reference in expression.Paths)
            {
                if (Problem(task, reference, parameters, taskNames, ancestors) is { } problem)
                {
                    errors.Add(at, $"{problem} (in \"{expression.Text}\")");
                }
            }
        }
    }

    private static string? Problem(CompiledTask task, IReadOnlyList<string> reference, Dictionary<string, FlowParameter> parameters, IEnumerable<string> taskNames, HashSet<string> ancestors)
    {
        var root = reference[0];
        switch (root)
        {
            case "params":
                return reference.Count > 1 && !parameters.ContainsKey(reference[1])
                    ? $"no parameter is named \"{reference[1]}\"{Suggest(reference[1], parameters.Keys)}; declare it under params:"
                    : null;
            case "tasks":
                if (reference.Count < 2)
                {
                    return null;
                }

                var name = reference[1];
                if (!taskNames.Contains(name))
                {
                    return $"no task is named \"{name}\"{Suggest(name, taskNames)}";
                }

                if (name == task.Name)
                {
                    return "a task cannot read its own outputs";
                }

                if (!ancestors.Contains(name))
                {
                    return $"reads tasks.{name} but does not need it, so it may run before {name} has ended; add \"{name}\" to needs";
                }

                return reference.Count > 2 && !TaskMembers.Contains(reference[2])
                    ? $"tasks.{name} has no \"{reference[2]}\"; use tasks.{name}.outputs.NAME, tasks.{name}.status or tasks.{name}.error"
                    : null;
            case "item" or "index":
                return task.ForEach is null || task.CompensationFor is not null
                    ? $"\"{root}\" is only available in a task with forEach"
                    : null;
            case "error":
                return task.CompensationFor is null ? "\"error\" is only available in a compensate task (the error of the task that failed)" : null;
            case "run":
                return reference.Count > 1 && !RunMembers.Contains(reference[1])
                    ? $"run has no \"{reference[1]}\"; use run.{string.Join(", run.", RunMembers)}"
                    : null;
            default:
                return $"\"{root}\" is not known here; expressions start from {string.Join(", ", Roots)}";
        }
    }

    private static HashSet<string> FindCycles(FlowDefinition definition, Dictionary<string, (CompiledTask? Task, int Index)> byName, FlowErrorLocator errors)
    {
        var inCycle = new HashSet<string>(StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the path, 2: done
        var stack = new List<string>();

        void Visit(string name)
        {
            state[name] = 1;
            stack.Add(name);
            var index = byName[name].Index;
            foreach (var need in definition.Tasks[index].Needs.Where(byName.ContainsKey).Distinct())
            {
                if (state.GetValueOrDefault(need) == 1)
                {
                    // The path holds each task followed by one it needs; the need back to the start closes the cycle.
                    var cycle = stack.Skip(stack.IndexOf(need)).ToList();
                    if (cycle.All(inCycle.Add))
                    {
                        var loop = string.Join(" → ", cycle.Append(need));
                        errors.Add($"tasks[{index}].needs", $"the tasks' needs form a cycle ({loop}, where → reads \"needs\"), so none of them could ever start; remove one of these needs");
                    }
                }
                else if (state.GetValueOrDefault(need) == 0)
                {
                    Visit(need);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
        }

        foreach (var task in definition.Tasks.Where(t => byName.ContainsKey(t.Name)))
        {
            if (state.GetValueOrDefault(task.Name) == 0)
            {
                Visit(task.Name);
            }
        }

        return inCycle;
    }

    private static HashSet<string> Ancestors(CompiledTask task)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<CompiledTask>(task.Needs);
        while (queue.TryDequeue(out var next))
        {
            if (found.Add(next.Name))
            {
                foreach (var need in next.Needs)
                {
                    queue.Enqueue(need);
                }
            }
        }

        return found;
    }

    private static List<CompiledTask> Order(List<CompiledTask> tasks)
    {
        // Kahn's algorithm, taking ready tasks in definition order so the order is stable.
        var remaining = tasks.ToDictionary(t => t, t => t.Needs.Count);
        var ordered = new List<CompiledTask>();
        while (ordered.Count < tasks.Count)
        {
            var next = tasks.First(t => remaining[t] == 0 && !ordered.Contains(t));
            ordered.Add(next);
            foreach (var dependent in next.Dependents)
            {
                remaining[dependent]--;
            }
        }

        return ordered;
    }

    /// <summary>Why <paramref name="value"/> does not fit <paramref name="type"/>, or null when it does.</summary>
    internal static string? TypeProblem(FlowValueType type, JsonNode? value)
    {
        var kind = ExpressionValues.KindOf(value);
        var fits = type switch
        {
            FlowValueType.Any => true,
            FlowValueType.String => kind == JsonValueKind.String,
            FlowValueType.Integer => kind == JsonValueKind.Number && ExpressionValues.ToNumber(value!) % 1 == 0,
            FlowValueType.Number => kind == JsonValueKind.Number,
            FlowValueType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            FlowValueType.Duration => kind == JsonValueKind.String && GoDuration.TryParse(value!.GetValue<string>(), out _),
            FlowValueType.List => kind == JsonValueKind.Array,
            FlowValueType.Object => kind == JsonValueKind.Object,
            _ => false,
        };
        return fits || kind == JsonValueKind.Null ? null : $"must be {Describe(type)}, not {ExpressionValues.Describe(value)}";
    }

    /// <summary>
    /// <paramref name="value"/> as <paramref name="type"/> at run time: text such as "3", "true" or "30s"
    /// (what string interpolation produces) is accepted where a number, boolean or duration is meant.
    /// </summary>
    /// <exception cref="ArgumentException">The value does not fit; the message says why.</exception>
    internal static JsonNode? Coerce(FlowValueType type, JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            switch (type)
            {
                case FlowValueType.Integer when long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var whole):
                    return JsonValue.Create(whole);
                case FlowValueType.Number when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number):
                    return JsonValue.Create(number);
                case FlowValueType.Boolean when text is "true" or "false":
                    return JsonValue.Create(text == "true");
            }
        }

        return TypeProblem(type, value) is { } problem ? throw new ArgumentException(problem) : value;
    }

    internal static string Describe(FlowValueType type) => type switch
    {
        FlowValueType.String => "text",
        FlowValueType.Integer => "a whole number",
        FlowValueType.Number => "a number",
        FlowValueType.Boolean => "true or false",
        FlowValueType.Duration => "a duration such as 30s, 5m or 1h30m",
        FlowValueType.List => "a list",
        FlowValueType.Object => "a mapping",
        _ => "any value",
    };

    private static string Suggest(string name, IEnumerable<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Distance(name, k))).OrderBy(k => k.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, name.Length / 3) ? $" (did you mean \"{best.Name}\"?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex FlowName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex Identifier();
}
