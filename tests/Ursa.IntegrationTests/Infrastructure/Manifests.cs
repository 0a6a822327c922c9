namespace Ursa.IntegrationTests.Infrastructure;

/// <summary>Small manifests used across tests (builders in the spirit of KubeVirt's test objects).</summary>
public static class Manifests
{
    public static string Namespace(string name) => $$"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{name}}
        """;

    public static string ContainerPod(string name, string ns, string labels = "app: web", string image = "ursa.local/busybox:latest") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels: {{{labels}}}
        spec:
          containers:
          - name: main
            image: {{image}}
            command: ["sleep", "3600"]
            env:
            - name: GREETING
              value: hello
        """;

    public static string VmPod(string name, string ns) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels: {kind: vm}
        spec:
          virtualMachine:
            name: {{name}}
            image: ursa.local/guest/busybox:latest
            resources:
              requests: {cpu: "1", memory: 256Mi}
        """;
}
