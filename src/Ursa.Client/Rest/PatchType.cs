namespace Ursa.Client.Rest;

/// <summary>The patch formats the API accepts.</summary>
public enum PatchType
{
    Merge,
    StrategicMerge,
    Json,
}
