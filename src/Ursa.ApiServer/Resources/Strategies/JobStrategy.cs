using Ursa.Api.Batch;
using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>Jobs: Kubernetes' defaults and the generated <c>controller-uid</c> selector.</summary>
public sealed class JobStrategy : ResourceStrategy<Job>
{
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";

    protected override void PrepareForCreate(Job job)
    {
        job.Status = new JobStatus();
        job.Spec ??= new JobSpec();
        if (job.Spec.ManualSelector != true && job.Metadata.Uid is { } uid)
        {
            job.Spec.Template ??= new Api.Apps.PodTemplateSpec();
            job.Spec.Template.Metadata ??= new ObjectMeta();
            job.Spec.Template.Metadata.Labels ??= [];
            job.Spec.Template.Metadata.Labels[ControllerUidLabel] = uid;
            job.Spec.Template.Metadata.Labels[JobNameLabel] = job.Metadata.Name ?? string.Empty;
            job.Spec.Selector = new LabelSelector { MatchLabels = new() { [ControllerUidLabel] = uid } };
        }

        Default(job);
    }

    protected override void PrepareForUpdate(Job job, Job old) => Default(job);

    protected override void Validate(Job job, FieldErrorList errors)
    {
        MetadataValidator.ValidateName(job.Metadata.Name, NameRules.CheckDns1123Subdomain, errors);
        WorkloadValidation.NonNegative(job.Spec?.Parallelism, "spec.parallelism", errors);
        WorkloadValidation.NonNegative(job.Spec?.Completions, "spec.completions", errors);
        WorkloadValidation.NonNegative(job.Spec?.BackoffLimit, "spec.backoffLimit", errors);
        WorkloadValidation.ValidateTemplate(job.Spec?.Selector, job.Spec?.Template, errors);
        if (job.Spec?.Template?.Spec?.RestartPolicy is { } restart && restart is not ("OnFailure" or "Never"))
        {
            errors.NotSupported("spec.template.spec.restartPolicy", restart, ["OnFailure", "Never"]);
        }
    }

    protected override void ValidateUpdate(Job job, Job old, FieldErrorList errors)
    {
        if (job.Spec?.Completions != old.Spec?.Completions)
        {
            errors.Invalid("spec.completions", job.Spec?.Completions, "field is immutable");
        }
    }

    private static void Default(Job job)
    {
        job.Spec ??= new JobSpec();
        job.Spec.Parallelism ??= 1;
        job.Spec.Completions ??= 1;
        job.Spec.BackoffLimit ??= 6;
        job.Spec.CompletionMode ??= "NonIndexed";
        job.Spec.Suspend ??= false;
        if (job.Spec.Template?.Spec is { } spec)
        {
            spec.RestartPolicy ??= "Never";
            PodStrategy.ApplyDefaults(spec);
        }
    }
}
