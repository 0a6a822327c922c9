namespace Ursa.NodeAgent.Runtimes;

/// <summary>What a runtime runs: the containers of a pod, or a pod's one virtual machine.</summary>
public enum WorkloadType
{
    /// <summary>Pods whose spec lists containers.</summary>
    Container,

    /// <summary>Pods whose spec holds <c>virtualMachine</c>.</summary>
    Vm,
}
