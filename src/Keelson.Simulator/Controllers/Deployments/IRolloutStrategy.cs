namespace Keelson.Simulator.Controllers.Deployments;

/// <summary>How a deployment replaces old pods with new ones (<c>spec.strategy.type</c>).</summary>
internal interface IRolloutStrategy
{
    /// <summary>Moves the rollout one step on and updates the deployment's status.</summary>
    void Rollout(DeploymentSync sync);
}
