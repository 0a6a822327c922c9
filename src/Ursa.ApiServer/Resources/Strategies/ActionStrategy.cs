using Ursa.ApiServer.Validation;
using PodActionObject = Ursa.Api.Core.Action;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>Actions: exactly one pod operation per action.</summary>
public sealed class ActionStrategy : ResourceStrategy<PodActionObject>
{
    protected override void PrepareForCreate(PodActionObject action) => action.Status = new ActionStatus { Complete = false };

    protected override void Validate(PodActionObject action, FieldErrorList errors)
    {
        MetadataValidator.ValidateName(action.Metadata.Name, NameRules.CheckDns1123Subdomain, errors);
        if (action.Spec?.PodAction is not { } podAction)
        {
            errors.Required("spec.podAction");
            return;
        }

        if (string.IsNullOrEmpty(podAction.PodName))
        {
            errors.Required("spec.podAction.podName");
        }

        var operations = (podAction.RebootAction is null ? 0 : 1) + (podAction.SnapshotAction is null ? 0 : 1) + (podAction.RestoreAction is null ? 0 : 1);
        if (operations != 1)
        {
            errors.Invalid("spec.podAction", operations, "exactly one of rebootAction, snapshotAction, restoreAction must be set");
        }

        if (podAction.RestoreAction is { } restore && string.IsNullOrEmpty(restore.SnapshotID))
        {
            errors.Required("spec.podAction.restoreAction.snapshotID");
        }
    }
}
