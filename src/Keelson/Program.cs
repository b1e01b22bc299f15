using System.CommandLine;
using Keelson.Cli;

var root = new RootCommand(
    "Keelson: one operations platform for a fleet of Kubernetes clusters. " +
    "Every release, node operation and emergency action is ordered, gated, rate-limited, audited and reversible.");
VersionInfo.ReplaceDefaultVersionAction(root);
root.Subcommands.Add(UpCommand.Create());
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(SimCommand.Create());

return await root.Parse(args).InvokeAsync();
