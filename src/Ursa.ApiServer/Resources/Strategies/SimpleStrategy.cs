using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>A strategy for kinds whose only rule is the name format (Node, Event, Lease).</summary>
public sealed class SimpleStrategy<T>(Func<string, string?> nameFormat) : ResourceStrategy<T>
    where T : KubeObject
{
    protected override void Validate(T obj, FieldErrorList errors) =>
        MetadataValidator.ValidateName(obj.Metadata.Name, nameFormat, errors);
}
