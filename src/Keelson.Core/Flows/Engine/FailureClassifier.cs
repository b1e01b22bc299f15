using Keelson.Core.Clusters;
using Keelson.Core.Flows.Expressions;
using Keelson.Kubernetes.Http;

namespace Keelson.Core.Flows.Engine;

/// <summary>Turns what an executor threw into a failure kind (which decides retries) and a message.</summary>
internal static class FailureClassifier
{
    public static (FlowErrorKind Kind, string Message) Classify(Exception exception, string executor) => exception switch
    {
        FlowTaskException e => (e.Kind, e.Message),
        KubernetesApiException { IsNotFound: true } e => (FlowErrorKind.NotFound, e.Message),
        KubernetesApiException { StatusCode: 409 } e => (FlowErrorKind.Conflict, e.Message),
        KubernetesApiException { StatusCode: 400 or 422 } e => (FlowErrorKind.Invalid, e.Message),
        KubernetesApiException { IsTooManyRequests: true } e => (FlowErrorKind.Transient, e.Message),
        KubernetesApiException { IsServerError: true } e => (FlowErrorKind.Transient, e.Message),
        KubernetesApiException e => (FlowErrorKind.Failed, e.Message),
        KubernetesTransportException e => (FlowErrorKind.Transient, e.Message),
        HttpRequestException e => (FlowErrorKind.Transient, e.Message),
        ClusterException { Kind: ClusterErrorKind.Unreachable } e => (FlowErrorKind.Transient, e.Message),
        ClusterException e => (FlowErrorKind.Invalid, e.Message),
        ExpressionException e => (FlowErrorKind.Invalid, e.Message),
        _ => (FlowErrorKind.Failed, $"{executor} failed unexpectedly ({exception.GetType().Name}): {exception.Message}"),
    };
}
