namespace Ursa.NodeAgent.Pods;

/// <summary>Why the agent is holding a container back (not from the runtime): <c>ErrImagePull</c>,
/// <c>ImagePullBackOff</c>, <c>CrashLoopBackOff</c>, <c>CreateContainerConfigError</c>, <c>CreateContainerError</c>,
/// <c>RunContainerError</c>, <c>ContainerCreating</c>.</summary>
public sealed record ContainerWaiting(string Reason, string Message);
