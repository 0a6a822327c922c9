using Ursa.Api.Core;
using Ursa.Api.Meta;

namespace Ursa.UnitTests.Scheduler;

/// <summary>Test builders with options, in the spirit of KubeVirt's <c>NewFedora(WithMemory(..))</c>.</summary>
public static class SchedulerObjects
{
    public static Node Node(string name, string cpu = "4", string memory = "8Gi", string pods = "110", bool containerReady = true, bool vmReady = true, Action<Node>? with = null)
    {
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = name, Labels = new() { ["kubernetes.io/hostname"] = name } },
            Spec = new NodeSpec(),
            Status = new NodeStatus
            {
                Allocatable = new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods },
                Conditions =
                [
                    new NodeCondition { Type = "Ready", Status = "True" },
                    new NodeCondition { Type = "ContainerRuntimeReady", Status = containerReady ? "True" : "False" },
                    new NodeCondition { Type = "VmRuntimeReady", Status = vmReady ? "True" : "False" },
                ],
            },
        };
        with?.Invoke(node);
        return node;
    }

    public static Pod ContainerPod(string name, string cpu = "500m", string memory = "256Mi", Action<PodSpec>? with = null)
    {
        var spec = new PodSpec
        {
            Containers = [new Container { Name = "c", Image = "i", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu, ["memory"] = memory } } }],
        };
        with?.Invoke(spec);
        return new Pod { Metadata = new ObjectMeta { Name = name, Namespace = "default", Tenant = "system" }, Spec = spec };
    }

    public static Pod VmPod(string name, string cpu = "1", string memory = "1Gi", Action<PodSpec>? with = null)
    {
        var spec = new PodSpec
        {
            VirtualMachine = new VirtualMachine { Name = name, Image = "img", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu, ["memory"] = memory } } },
            Overhead = new() { ["cpu"] = "100m", ["memory"] = "128Mi" },
        };
        with?.Invoke(spec);
        return new Pod { Metadata = new ObjectMeta { Name = name, Namespace = "default", Tenant = "system" }, Spec = spec };
    }
}
