namespace Ursa.Controllers.VirtualMachines;

/// <summary>Options of the VM power controller.</summary>
public sealed class VmPowerOptions
{
    /// <summary>
    /// How long a powered-off VM pod waits for its node to become Ready again before it is released without the
    /// node's word that the VM stopped (30 s, on top of the node lifecycle controller's 40 s before it marks a
    /// silent node Unknown). A node that comes back sooner stops the VM and reports it, as usual.
    /// </summary>
    public TimeSpan NodeLostGrace { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (NodeLostGrace < TimeSpan.Zero)
        {
            throw new ArgumentException("NodeLostGrace must not be negative");
        }
    }
}
