namespace Ursa.IntegrationTests.Infrastructure;

/// <summary>A control plane with the in-process scheduler running, as <c>ursa up</c> has it.</summary>
public sealed class SchedulingControlPlaneFixture : ControlPlaneFixture
{
    protected override bool WithScheduler => true;
}
