# The official Python Kubernetes client against keelson sim: list, watch with a resume,
# patch and delete. Prints one line per step for the test to compare.
import sys

from kubernetes import client, config, watch

kubeconfig, context, ns = sys.argv[1], sys.argv[2], sys.argv[3]
config.load_kube_config(config_file=kubeconfig, context=context)
core = client.CoreV1Api()

print("namespaces:", " ".join(sorted(n.metadata.name for n in core.list_namespace().items if n.metadata.name.startswith("kube-") or n.metadata.name == "default")))

core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="first"), data={"a": "1"}))
listed = core.list_namespaced_config_map(ns)
print("list:", " ".join(c.metadata.name for c in listed.items))

# Changes after the list, then a watch that resumes from the list's version sees exactly them.
core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="second"), data={"b": "2"}))
core.patch_namespaced_config_map("first", ns, {"data": {"a": "patched"}})
seen = []
last = None
for event in watch.Watch().stream(core.list_namespaced_config_map, ns, resource_version=listed.metadata.resource_version, timeout_seconds=3):
    seen.append(f"{event['type']} {event['object'].metadata.name}")
    last = event["object"].metadata.resource_version
    if len(seen) == 2:
        break
print("watch:", ", ".join(seen))

# Resume again from the last event: only what happened since.
core.delete_namespaced_config_map("second", ns)
resumed = []
for event in watch.Watch().stream(core.list_namespaced_config_map, ns, resource_version=last, timeout_seconds=3):
    resumed.append(f"{event['type']} {event['object'].metadata.name}")
    break
print("resumed:", ", ".join(resumed))

print("patched:", core.read_namespaced_config_map("first", ns).data["a"])
print("after delete:", " ".join(c.metadata.name for c in core.list_namespaced_config_map(ns).items))
