using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// Applies a strategic merge patch the way kube-apiserver does (apimachinery's <c>StrategicMergeMapPatch</c>):
/// lists merge by the schema's patch merge key or are replaced, and the directives <c>$patch</c>,
/// <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/&lt;field&gt;</c> and <c>$setElementOrder/&lt;field&gt;</c>
/// are honoured, including how they order the merged lists. Errors carry kube-apiserver's status codes.
/// </summary>
internal static class StrategicMergePatch
{
    private const string DirectiveMarker = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";
    private const string SetElementOrderPrefix = "$setElementOrder";

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/>, which is changed; returns the result.</summary>
    /// <exception cref="PatchException">The patch is malformed (400), does not apply (422) or fails in a way kube-apiserver reports as 500.</exception>
    public static JsonObject Apply(JsonObject original, JsonObject patch, TypeSchema schema) =>
        MergeMap(original, patch, new Meta(schema));

    private static JsonObject MergeMap(JsonObject original, JsonObject patch, Meta meta)
    {
        if (patch.TryGetPropertyValue(DirectiveMarker, out var directive))
        {
            switch (Text(directive))
            {
                case "replace":
                    var replacement = (JsonObject)JsonTree.Own(patch)!;
                    replacement.Remove(DirectiveMarker);
                    return replacement;
                case "delete":
                    return [];
                default:
                    throw PatchException.Internal($"unknown patch type: {GoText.Format(directive)} in map: {GoText.Format(patch)}");
            }
        }

        ApplyRetainKeys(original, patch);
        MergeSetElementOrder(original, patch, meta);

        foreach (var (patchKey, patchValue) in patch.ToList())
        {
            var key = patchKey;
            var isDeleteList = false;
            if (patchKey.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                key = ExtractKey(patchKey, DeleteFromPrimitiveListPrefix);
                isDeleteList = true;
            }

            if (patchValue is null)
            {
                original.Remove(key);
                continue;
            }

            if (!original.TryGetPropertyValue(key, out var originalValue))
            {
                if (!isDeleteList)
                {
                    var added = JsonTree.Own(patchValue);
                    JsonTree.DropNulls(added);
                    original[key] = added;
                }

                continue;
            }

            if (TypeOf(originalValue) != TypeOf(patchValue))
            {
                if (!isDeleteList)
                {
                    var replaced = JsonTree.Own(patchValue);
                    JsonTree.DropNulls(replaced);
                    original[key] = replaced;
                }

                continue;
            }

            switch (originalValue)
            {
                case JsonObject originalMap:
                    var (mapMeta, mapField) = meta.ForStruct(key);
                    var mergedMap = StrategyOf(mapField).Strategy == "replace" ? patchValue : MergeMap(originalMap, (JsonObject)patchValue, mapMeta);
                    if (!ReferenceEquals(mergedMap, originalMap))
                    {
                        original[key] = JsonTree.Own(mergedMap);
                    }

                    break;
                case JsonArray originalList:
                    var (elementMeta, listField) = meta.ForSlice(key);
                    original[key] = ToArray(MergeSliceHandler(
                        [.. originalList], [.. (JsonArray)patchValue], elementMeta, listField, isDeleteList));
                    break;
                default:
                    original[key] = JsonTree.Own(patchValue);
                    break;
            }
        }

        return original;
    }

    private static List<JsonNode?> MergeSliceHandler(List<JsonNode?> original, List<JsonNode?> patch, Meta elementMeta, FieldSchema? field, bool isDeleteList) =>
        StrategyOf(field).Strategy == "merge"
            ? MergeSlice(original, patch, elementMeta, field?.PatchMergeKey ?? "", isDeleteList)
            : patch;

    private static List<JsonNode?> MergeSlice(List<JsonNode?> original, List<JsonNode?> patch, Meta elementMeta, string mergeKey, bool isDeleteList)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return original;
        }

        var elementType = ElementType(original, patch);
        List<JsonNode?> merged;
        if (elementType != ValueType.Map)
        {
            if (isDeleteList)
            {
                return original.Where(item => !patch.Any(d => ScalarEquals(d, item))).ToList();
            }

            merged = Deduplicate([.. original, .. patch]);
        }
        else
        {
            if (mergeKey.Length == 0)
            {
                throw PatchException.Internal("cannot merge lists without merge key for type map");
            }

            (original, patch) = MergeSpecialElements(original, patch, mergeKey);
            merged = MergeWithoutSpecialElements(original, patch, mergeKey, elementMeta);
        }

        var (patchItems, serverOnly) = Partition(merged, patch, mergeKey);
        return NormalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, elementType);
    }

    private static (List<JsonNode?> Original, List<JsonNode?> Patch) MergeSpecialElements(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey)
    {
        var plain = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(DirectiveMarker, out var directive))
            {
                plain.Add(item);
                continue;
            }

            switch (Text(directive))
            {
                case "delete":
                    if (!map.TryGetPropertyValue(mergeKey, out var value))
                    {
                        throw NoMergeKey(map, mergeKey);
                    }

                    original = original.Where(o => !(o is JsonObject candidate && candidate.TryGetPropertyValue(mergeKey, out var v) && ScalarEquals(v, value))).ToList();
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw PatchException.Internal("merging lists cannot yet be specified in the patch");
                default:
                    throw PatchException.Internal($"unknown patch type: {GoText.Format(directive)} in map: {GoText.Format(map)}");
            }
        }

        return replace ? (plain, []) : (original, plain);
    }

    private static List<JsonNode?> MergeWithoutSpecialElements(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, Meta elementMeta)
    {
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(mergeKey, out var keyValue))
            {
                throw NoMergeKey(map, mergeKey);
            }

            var index = IndexByKey(original, mergeKey, keyValue);
            if (index >= 0)
            {
                original[index] = MergeMap((JsonObject)original[index]!, map, elementMeta);
            }
            else
            {
                original.Add(item);
            }
        }

        return original;
    }

    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeysDirective, out var retainKeys))
        {
            return;
        }

        patch.Remove(RetainKeysDirective);
        if (retainKeys is not JsonArray retained)
        {
            throw PatchException.BadRequest("invalid patch format of retainKeys");
        }

        var keep = retained.Select(Text).Where(k => k is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal) || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!keep.Contains(key))
            {
                throw PatchException.DoesNotApply();
            }
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
        {
            original.Remove(key);
        }
    }

    private static void MergeSetElementOrder(JsonObject original, JsonObject patch, Meta meta)
    {
        foreach (var (directiveKey, order) in patch.Where(p => p.Key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)).ToList())
        {
            patch.Remove(directiveKey);
            if (order is not JsonArray orderArray)
            {
                throw PatchException.Internal($"expected a []interface {{}}, but received a {GoTypeOf(order)}");
            }

            var key = ExtractKey(directiveKey, SetElementOrderPrefix);
            var foundOriginal = original.TryGetPropertyValue(key, out var originalValue);
            var foundPatch = patch.TryGetPropertyValue(key, out var patchValue);
            List<JsonNode?> originalList = foundOriginal ? [.. AsList(originalValue)] : [];
            List<JsonNode?> patchList = foundPatch ? [.. AsList(patchValue)] : [];
            List<JsonNode?> orderList = [.. orderArray];
            var (elementMeta, field) = meta.ForSlice(key);
            var mergeKey = field?.PatchMergeKey ?? "";
            ValidateAgainstOrder(patchList, orderList, mergeKey);

            List<JsonNode?> merged;
            if (foundOriginal && !foundPatch)
            {
                merged = originalList;
            }
            else if (!foundOriginal && foundPatch)
            {
                merged = patchList;
            }
            else if (foundOriginal && foundPatch)
            {
                merged = MergeSliceHandler([.. originalList], patchList, elementMeta, field, isDeleteList: false);
            }
            else
            {
                continue;
            }

            var (patchItems, serverOnly) = Partition(merged, orderList, mergeKey);
            var elementType = ElementType(originalList, patchList);
            original[key] = ToArray(NormalizeElementOrder(patchItems, serverOnly, orderList, originalList, mergeKey, elementType));
            patch.Remove(key);
        }
    }

    private static JsonArray AsList(JsonNode? value) =>
        value as JsonArray ?? throw PatchException.Internal($"expected a []interface {{}}, but received a {GoTypeOf(value)}");

    private static void ValidateAgainstOrder(List<JsonNode?> patchList, List<JsonNode?> order, string mergeKey)
    {
        if (order.Count == 0 || patchList.Count == 0)
        {
            return;
        }

        var nonDelete = mergeKey.Length == 0
            ? patchList
            : patchList.Where(item => item is not JsonObject map || Text(map[DirectiveMarker]) != "delete").ToList();
        int patchIndex = 0, orderIndex = 0;
        while (patchIndex < nonDelete.Count && orderIndex < order.Count)
        {
            if (nonDelete[patchIndex] is JsonObject withDirective && withDirective.ContainsKey(DirectiveMarker))
            {
                patchIndex++;
                continue;
            }

            if (MergeKeyValueEqual(nonDelete[patchIndex], order[orderIndex], mergeKey))
            {
                patchIndex++;
            }

            orderIndex++;
        }

        if (patchIndex < nonDelete.Count && orderIndex >= order.Count)
        {
            throw PatchException.Internal(
                $"The order in patch list:\n{GoText.Format(new JsonArray([.. patchList.Select(JsonTree.Own)]))}\n doesn't match {SetElementOrderPrefix} list:\n{GoText.Format(new JsonArray([.. order.Select(JsonTree.Own)]))}\n");
        }
    }

    private static bool MergeKeyValueEqual(JsonNode? left, JsonNode? right, string mergeKey)
    {
        if (mergeKey.Length == 0)
        {
            return ScalarEquals(left, right);
        }

        if (left is not JsonObject leftMap || right is not JsonObject rightMap)
        {
            throw PatchException.Internal($"expected a map[string]interface {{}}, but received a {GoTypeOf(left is JsonObject ? right : left)}");
        }

        if (!leftMap.TryGetPropertyValue(mergeKey, out var leftKey))
        {
            throw NoMergeKey(leftMap, mergeKey);
        }

        if (!rightMap.TryGetPropertyValue(mergeKey, out var rightKey))
        {
            throw NoMergeKey(rightMap, mergeKey);
        }

        return ScalarEquals(leftKey, rightKey);
    }

    private static (List<JsonNode?> InList, List<JsonNode?> NotInList) Partition(List<JsonNode?> items, List<JsonNode?> by, string mergeKey)
    {
        var inList = new List<JsonNode?>();
        var notInList = new List<JsonNode?>();
        foreach (var item in items)
        {
            bool found;
            if (mergeKey.Length == 0)
            {
                found = by.Any(b => ScalarEquals(b, item));
            }
            else
            {
                if (item is not JsonObject map || !map.TryGetPropertyValue(mergeKey, out var keyValue))
                {
                    throw item is JsonObject missing ? NoMergeKey(missing, mergeKey) : PatchException.Internal($"expected a map[string]interface {{}}, but received a {GoTypeOf(item)}");
                }

                found = IndexByKey(by, mergeKey, keyValue) >= 0;
            }

            (found ? inList : notInList).Add(item);
        }

        return (inList, notInList);
    }

    private static List<JsonNode?> NormalizeElementOrder(List<JsonNode?> patchItems, List<JsonNode?> serverOnly, List<JsonNode?> patchOrder, List<JsonNode?> serverOrder, string mergeKey, ValueType elementType)
    {
        patchItems = NormalizeSliceOrder(patchItems, patchOrder, mergeKey, elementType);
        serverOnly = NormalizeSliceOrder(serverOnly, serverOrder, mergeKey, elementType);
        return MergeSorted(serverOnly, patchItems, serverOrder, mergeKey, elementType);
    }

    private static List<JsonNode?> NormalizeSliceOrder(List<JsonNode?> toSort, List<JsonNode?> order, string mergeKey, ValueType elementType)
    {
        var toDelete = new List<JsonNode?>();
        if (elementType == ValueType.Map)
        {
            foreach (var item in toSort.Concat(order))
            {
                if (item is not JsonObject map)
                {
                    throw PatchException.Internal($"expected a map[string]interface {{}}, but received a {GoTypeOf(item)}");
                }

                if (!map.ContainsKey(mergeKey))
                {
                    throw NoMergeKey(map, mergeKey);
                }
            }

            toDelete = toSort.Where(i => Text(((JsonObject)i!)[DirectiveMarker]) == "delete").ToList();
            toSort = toSort.Where(i => Text(((JsonObject)i!)[DirectiveMarker]) != "delete").ToList();
        }

        // Go's sort.SliceStable with apimachinery's comparator, which treats an item missing from the order as
        // "less"; insertion sort reproduces its result (Go sorts blocks of up to 20 items that way).
        var sorted = toSort.ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            for (var j = i; j > 0 && OrderLess(sorted[j], sorted[j - 1], order, mergeKey, elementType); j--)
            {
                (sorted[j], sorted[j - 1]) = (sorted[j - 1], sorted[j]);
            }
        }

        sorted.AddRange(toDelete);
        return sorted;
    }

    private static bool OrderLess(JsonNode? left, JsonNode? right, List<JsonNode?> order, string mergeKey, ValueType elementType)
    {
        var leftIndex = IndexOf(order, left, mergeKey, elementType);
        if (leftIndex >= 0)
        {
            var rightIndex = IndexOf(order, right, mergeKey, elementType);
            if (rightIndex >= 0)
            {
                return leftIndex < rightIndex;
            }
        }

        return true;
    }

    private static List<JsonNode?> MergeSorted(List<JsonNode?> left, List<JsonNode?> right, List<JsonNode?> serverOrder, string mergeKey, ValueType elementType)
    {
        var result = new List<JsonNode?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (i >= left.Count)
            {
                result.Add(right[j++]);
            }
            else if (j >= right.Count)
            {
                result.Add(left[i++]);
            }
            else
            {
                var leftIndex = IndexOf(serverOrder, left[i], mergeKey, elementType);
                var rightIndex = IndexOf(serverOrder, right[j], mergeKey, elementType);
                result.Add(leftIndex >= 0 && rightIndex >= 0 && leftIndex < rightIndex ? left[i++] : right[j++]);
            }
        }

        return result;
    }

    private static int IndexOf(List<JsonNode?> list, JsonNode? item, string mergeKey, ValueType elementType)
    {
        var key = elementType == ValueType.Map ? (item as JsonObject)?[mergeKey] : item;
        for (var i = 0; i < list.Count; i++)
        {
            var candidate = elementType == ValueType.Map ? (list[i] as JsonObject)?[mergeKey] : list[i];
            if (ScalarEquals(key, candidate))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexByKey(List<JsonNode?> list, string mergeKey, JsonNode? keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject map)
            {
                throw PatchException.Internal($"value for key {i} is not a map.");
            }

            if (map.TryGetPropertyValue(mergeKey, out var candidate) && ScalarEquals(candidate, keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<JsonNode?> Deduplicate(List<JsonNode?> items)
    {
        var result = new List<JsonNode?>();
        foreach (var item in items)
        {
            if (!result.Any(r => ScalarEquals(r, item)))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static ValueType ElementType(List<JsonNode?> first, List<JsonNode?> second)
    {
        ValueType? type = null;
        foreach (var item in first.Concat(second))
        {
            var current = TypeOf(item);
            if (type is null)
            {
                if (current == ValueType.Slice)
                {
                    throw PatchException.DoesNotApply();
                }

                type = current;
            }
            else if (type != current)
            {
                throw PatchException.Internal(
                    $"list element types are not identical: [{GoText.Format(new JsonArray([.. first.Select(JsonTree.Own)]))} {GoText.Format(new JsonArray([.. second.Select(JsonTree.Own)]))}]");
            }
        }

        return type ?? throw PatchException.Internal("no elements in any of the given slices");
    }

    private static string ExtractKey(string key, string prefix)
    {
        var parts = key.Split('/', 2);
        if (parts.Length <= 1 || parts[0] != prefix)
        {
            throw PatchException.BadRequest(prefix == SetElementOrderPrefix
                ? "invalid patch format of setElementOrder list"
                : "invalid patch format of primitive list");
        }

        return parts[1];
    }

    private static (bool RetainKeys, string Strategy) StrategyOf(FieldSchema? field)
    {
        var strategies = field?.PatchStrategy?.Split(',') ?? [];
        return strategies switch
        {
            [] => (false, ""),
            ["retainKeys"] => (true, ""),
            [var single] => (false, single),
            ["retainKeys", var second] => (true, second),
            [var first, "retainKeys"] => (true, first),
            _ => throw PatchException.Internal($"unexpected patch strategy: [{string.Join(' ', strategies)}]"),
        };
    }

    private static PatchException NoMergeKey(JsonObject map, string mergeKey) =>
        PatchException.Internal($"map: {GoText.Format(map)} does not contain declared merge key: {mergeKey}");

    private static JsonArray ToArray(List<JsonNode?> items) => new([.. items.Select(JsonTree.Own)]);

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static ValueType TypeOf(JsonNode? node) => node switch
    {
        null => ValueType.Null,
        JsonObject => ValueType.Map,
        JsonArray => ValueType.Slice,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => ValueType.String,
            JsonValueKind.True or JsonValueKind.False => ValueType.Bool,
            _ => IsWholeNumber(node) ? ValueType.Int : ValueType.Float,
        },
    };

    private static bool IsWholeNumber(JsonNode node) =>
        long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static string GoTypeOf(JsonNode? node) => TypeOf(node) switch
    {
        ValueType.Map => "map[string]interface {}",
        ValueType.Slice => "[]interface {}",
        ValueType.String => "string",
        ValueType.Bool => "bool",
        ValueType.Int => "int64",
        ValueType.Float => "float64",
        _ => "%!s(<nil>)",
    };

    /// <summary>Go's <c>==</c> on decoded JSON values: same Go type and same value; maps and lists never match.</summary>
    private static bool ScalarEquals(JsonNode? left, JsonNode? right)
    {
        var type = TypeOf(left);
        if (type != TypeOf(right))
        {
            return false;
        }

        return type switch
        {
            ValueType.Null => true,
            ValueType.Map or ValueType.Slice => ReferenceEquals(left, right),
            ValueType.Float => left!.GetValue<double>() == right!.GetValue<double>(),
            ValueType.Int => long.Parse(left!.ToJsonString(), CultureInfo.InvariantCulture) == long.Parse(right!.ToJsonString(), CultureInfo.InvariantCulture),
            _ => JsonTree.Same(left, right),
        };
    }

    /// <summary>The Go type a decoded JSON value has in apimachinery (ints are kept as int64).</summary>
    private enum ValueType
    {
        Null,
        Map,
        Slice,
        String,
        Bool,
        Int,
        Float,
    }

    /// <summary>Patch metadata lookups over the schema; a null schema is free-form (maps merge, lists are replaced).</summary>
    private readonly record struct Meta(TypeSchema? Schema)
    {
        public (Meta Sub, FieldSchema? Field) ForStruct(string key)
        {
            switch (Schema?.Kind)
            {
                case null or SchemaKind.FreeForm:
                    return (new Meta(null), null);
                case SchemaKind.Map:
                    return (new Meta(Schema.Element), null);
                case SchemaKind.Struct:
                    var field = Schema.FindField(key)
                        ?? throw PatchException.Internal($"unable to find api field in struct {Schema.ShortName} for the json field \"{key}\"");
                    return (new Meta(field.Type), field);
                default:
                    throw PatchException.Internal($"merging an object in json but data type is not map or struct, instead is: {Schema.GoTypeName}");
            }
        }

        public (Meta Element, FieldSchema? Field) ForSlice(string key)
        {
            var (sub, field) = ForStruct(key);
            return sub.Schema switch
            {
                null or { Kind: SchemaKind.FreeForm } => (new Meta(null), field),
                { Kind: SchemaKind.List } list => (new Meta(list.Element), field),
                var other => throw PatchException.Internal($"expected slice or array type, but got: {other.GoTypeName}"),
            };
        }
    }
}
