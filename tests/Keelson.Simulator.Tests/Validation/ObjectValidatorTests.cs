using System.Text.Json.Nodes;
using Keelson.Simulator.Defaults;
using Keelson.Simulator.Tables;
using Keelson.Simulator.Tests.Tables;
using Keelson.Simulator.Validation;

namespace Keelson.Simulator.Tests.Validation;

public sealed class ObjectValidatorTests
{
    public static TheoryData<string> Cases => TestCases.Names("validation");

    public static TheoryData<string> DefaultedObjects => TestCases.Names("defaults");

    /// <summary>
    /// Each <c>testdata/validation/&lt;case&gt;/object.json</c> is a write as a client sends it (an update when
    /// <c>old.json</c>, the stored object, is there); it is defaulted first, as kube-apiserver does, and
    /// <c>expected-status.json</c> is the 422 Status kube-apiserver 1.30 answers with.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_AnswersWithTheStatusKubeApiserverReturns(string name)
    {
        var obj = TestCases.Read("validation", name, "object.json")!;
        var old = TestCases.Read("validation", name, "old.json");
        var (apiVersion, kind) = (obj.GetString("apiVersion")!, obj.GetString("kind")!);
        Defaulter.Apply(apiVersion, kind, obj, old is null ? DefaultingOperation.Create : DefaultingOperation.Update);
        if (old is not null)
        {
            Defaulter.Apply(apiVersion, kind, old, DefaultingOperation.Update);
        }

        var errors = ObjectValidator.Validate(apiVersion, kind, obj, old);

        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var status = ValidationStatus.Invalid(group, kind, obj.GetObject("metadata").GetStringOrEmpty("name"), errors);
        TestCases.AssertJsonEqual(TestCases.Read("validation", name, "expected-status.json"), status);
    }

    [Theory]
    [MemberData(nameof(DefaultedObjects))]
    public void Validate_WhatADefaultsCaseStores_IsValid(string name)
    {
        var obj = TestCases.Read("defaults", name, "expected.json")!;

        var errors = ObjectValidator.Validate(obj.GetString("apiVersion")!, obj.GetString("kind")!, obj, null);

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_PodUpdateThatOnlyChangesTheImage_IsValid()
    {
        var old = Pod("nginx:1.25");
        var updated = Pod("nginx:1.26");

        Assert.Empty(ObjectValidator.Validate("v1", "Pod", updated, old));
    }

    [Fact]
    public void Validate_PodUpdateThatAddsATolerationAndLowersTheDeadline_IsValid()
    {
        var old = Pod("nginx:1.25");
        old["spec"]!["activeDeadlineSeconds"] = 600;
        var updated = Pod("nginx:1.25");
        updated["spec"]!["activeDeadlineSeconds"] = 300;
        updated["spec"]!["tolerations"]!.AsArray().Add(new JsonObject { ["key"] = "spot", ["operator"] = "Exists" });

        Assert.Empty(ObjectValidator.Validate("v1", "Pod", updated, old));
    }

    [Fact]
    public void Validate_AnnotationsOverTheSizeLimit_AreTooLong()
    {
        var configMap = JsonNode.Parse("""{"metadata":{"name":"big","namespace":"default","annotations":{}}}""")!.AsObject();
        configMap["metadata"]!["annotations"]!["note"] = new string('x', 256 * 1024);

        var error = Assert.Single(ObjectValidator.Validate("v1", "ConfigMap", configMap, null));

        Assert.Equal("metadata.annotations: Too long: must have at most 262144 bytes", error.ToString());
        Assert.Equal("FieldValueTooLong", error.Reason);
    }

    [Fact]
    public void Validate_UnknownKind_ReportsNothing() =>
        Assert.Empty(ObjectValidator.Validate("example.com/v1", "Widget", JsonNode.Parse("""{"metadata":{"name":"Not_A_DNS_Name"}}""")!.AsObject(), null));

    [Theory]
    [InlineData("42", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData("not-a-number", false)]
    public void HasResourceVersionOnCreate_IsTrueOnlyForWhatStorageRefuses(string resourceVersion, bool expected)
    {
        var obj = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x", ["resourceVersion"] = resourceVersion } };

        Assert.Equal(expected, ObjectValidator.HasResourceVersionOnCreate(obj));
    }

    [Fact]
    public void ResourceVersionSetOnCreate_IsTheBare500kubectlPrints()
    {
        var status = ValidationStatus.ResourceVersionSetOnCreate();

        Assert.Equal(500, status["code"]!.GetValue<int>());
        Assert.Equal("resourceVersion should not be set on objects to be created", status["message"]!.GetValue<string>());
        Assert.Null(status["reason"]);
    }

    [Fact]
    public void Invalid_WithTheSameMessageTwice_ListsItOnceButKeepsBothCauses()
    {
        var errors = new[]
        {
            new FieldError(FieldErrorType.Required, "spec.selector", null, ""),
            new FieldError(FieldErrorType.Required, "spec.selector", null, ""),
        };

        var status = ValidationStatus.Invalid("apps", "Deployment", "web", errors);

        Assert.Equal("Deployment.apps \"web\" is invalid: spec.selector: Required value", status["message"]!.GetValue<string>());
        Assert.Equal(2, status["details"]!["causes"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote\"and\\slash", "\"quote\\\"and\\\\slash\"")]
    [InlineData("tab\there\n", "\"tab\\there\\n\"")]
    [InlineData("nul\u0000", "\"nul\\x00\"")]
    [InlineData("é ü 名前", "\"é ü 名前\"")]
    public void InvalidValue_QuotesStringsAsGoDoes(string value, string expected) =>
        Assert.Equal($"Invalid value: {expected}: bad", new FieldError(FieldErrorType.Invalid, "f", GoFormat.Quote(value), "bad").Message);

    private static JsonObject Pod(string image)
    {
        var pod = JsonNode.Parse($$$"""
            {"metadata":{"name":"web","namespace":"default","uid":"u","resourceVersion":"1"},
             "spec":{"containers":[{"name":"web","image":"{{{image}}}"}],"tolerations":[{"key":"dedicated","operator":"Equal","value":"web","effect":"NoSchedule"}]}}
            """)!.AsObject();
        Defaulter.Apply("v1", "Pod", pod, DefaultingOperation.Update);
        return pod;
    }
}
