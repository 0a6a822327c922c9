using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources;

/// <summary>
/// Kind-specific behaviour on writes (Kubernetes' RESTCreateStrategy/RESTUpdateStrategy): defaults and validation.
/// Generic rules (metadata, status/spec split of subresources, generation) are applied by the store around these.
/// </summary>
public interface IResourceStrategy
{
    /// <summary>Fills in defaults and resets fields clients may not set on create (e.g. status).</summary>
    void PrepareForCreate(KubeObject obj);

    /// <summary>Fills in defaults after an update has been merged onto the stored object.</summary>
    void PrepareForUpdate(KubeObject obj, KubeObject old);

    /// <summary>Validates a new object; adds one error per offending field.</summary>
    void Validate(KubeObject obj, FieldErrorList errors);

    /// <summary>Validates an update (immutable fields and the like) after <see cref="Validate"/>.</summary>
    void ValidateUpdate(KubeObject obj, KubeObject old, FieldErrorList errors);

    /// <summary>
    /// Validates a write through the status subresource instead of <see cref="Validate"/> and
    /// <see cref="ValidateUpdate"/>: such a write changes status alone (spec and metadata stay the stored object's),
    /// so only status rules apply, as Kubernetes' <c>ValidatePodStatusUpdate</c> and its kin.
    /// </summary>
    void ValidateStatusUpdate(KubeObject obj, KubeObject old, FieldErrorList errors);
}
