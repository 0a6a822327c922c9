using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>Namespaces: DNS-1123 label names, phase Active on create.</summary>
public sealed class NamespaceStrategy : ResourceStrategy<Namespace>
{
    protected override void PrepareForCreate(Namespace ns)
    {
        ns.Status = new NamespaceStatus { Phase = "Active" };

        // Deletion waits until the namespace cleaner has removed the contents and this finalizer.
        ns.Spec ??= new NamespaceSpec();
        ns.Spec.Finalizers = [Registry.DeletionRules.NamespaceFinalizer];
    }

    protected override void PrepareForUpdate(Namespace ns, Namespace old)
    {
        ns.Status ??= old.Status;

        // Only the finalize subresource changes spec.finalizers.
        ns.Spec ??= new NamespaceSpec();
        ns.Spec.Finalizers = old.Spec?.Finalizers;
    }

    protected override void Validate(Namespace ns, FieldErrorList errors) =>
        MetadataValidator.ValidateName(ns.Metadata.Name, NameRules.CheckDns1123Label, errors);
}
