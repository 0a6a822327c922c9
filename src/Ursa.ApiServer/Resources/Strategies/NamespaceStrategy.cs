using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>Namespaces: DNS-1123 label names, phase Active on create.</summary>
public sealed class NamespaceStrategy : ResourceStrategy<Namespace>
{
    protected override void PrepareForCreate(Namespace ns) =>
        ns.Status = new NamespaceStatus { Phase = "Active" };

    protected override void PrepareForUpdate(Namespace ns, Namespace old) =>
        ns.Status ??= old.Status;

    protected override void Validate(Namespace ns, FieldErrorList errors) =>
        MetadataValidator.ValidateName(ns.Metadata.Name, NameRules.CheckDns1123Label, errors);
}
