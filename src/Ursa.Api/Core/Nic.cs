using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A network interface of a VM pod.</summary>
public sealed class Nic
{
    /// <summary>Interface name.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Subnet the NIC joins.</summary>
    [JsonPropertyName("subnetName")]
    public string? SubnetName { get; set; }

    /// <summary>Existing port to use.</summary>
    [JsonPropertyName("portId")]
    public string? PortId { get; set; }

    /// <summary>Requested IP address.</summary>
    [JsonPropertyName("ipAddress")]
    public string? IpAddress { get; set; }
}
