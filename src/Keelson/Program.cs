using System.CommandLine;
using Keelson.Cli;

var root = new RootCommand(
    "Keelson: one operations platform for a fleet of Kubernetes clusters. " +
    "Every release, node operation and emergency action is ordered, gated, rate-limited, audited and reversible.");
VersionInfo.ReplaceDefaultVersionAction(root);
root.Subcommands.Add(UpCommand.Create());
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(SimCommand.Create());
root.Subcommands.Add(LoginCommand.Create());
var api = new ApiOptions();
root.Subcommands.Add(ClusterCommand.Create(api));
root.Subcommands.Add(FleetCommands.Nodes(api));
root.Subcommands.Add(FleetCommands.Pods(api));
root.Subcommands.Add(FleetCommands.Workloads(api));
root.Subcommands.Add(AuditCommand.Create(api));
root.Subcommands.Add(UserCommand.Create(api));
root.Subcommands.Add(TeamCommand.CreateTeams(api));
root.Subcommands.Add(TeamCommand.CreateGrants(api));
root.Subcommands.Add(TokenCommand.Create(api));

return await root.Parse(args).InvokeAsync();
