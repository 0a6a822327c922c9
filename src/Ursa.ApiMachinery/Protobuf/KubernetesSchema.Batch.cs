using static Ursa.ApiMachinery.Protobuf.FieldFlags;
using static Ursa.ApiMachinery.Protobuf.ProtoType;

namespace Ursa.ApiMachinery.Protobuf;

internal static partial class KubernetesSchema
{
    // k8s.io/api/batch/v1/generated.proto: Job and CronJob.
    private static MessageSchema[] BatchMessages() =>
    [
        new("Job") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "JobSpec" }, { 3, "status", "JobStatus" } },
        new("JobSpec")
        {
            { 1, "parallelism", Int, Pointer },
            { 2, "completions", Int, Pointer },
            { 3, "activeDeadlineSeconds", Long, Pointer },
            { 4, "selector", "LabelSelector" },
            { 5, "manualSelector", Bool, Pointer },
            { 6, "template", "PodTemplateSpec" },
            { 7, "backoffLimit", Int, Pointer },
            { 8, "ttlSecondsAfterFinished", Int, Pointer },
            { 9, "completionMode", Text, Pointer },
            { 10, "suspend", Bool, Pointer },
            { 11, "podFailurePolicy", "PodFailurePolicy" },
            { 12, "backoffLimitPerIndex", Int, Pointer },
            { 13, "maxFailedIndexes", Int, Pointer },
            { 14, "podReplacementPolicy", Text, Pointer },
            { 15, "managedBy", Text, Pointer },
            { 16, "successPolicy", "SuccessPolicy" },
        },
        new("PodFailurePolicy") { { 1, "rules", "PodFailurePolicyRule", Repeated } },
        new("PodFailurePolicyRule")
        {
            { 1, "action", Text },
            { 2, "onExitCodes", "PodFailurePolicyOnExitCodesRequirement" },
            { 3, "onPodConditions", "PodFailurePolicyOnPodConditionsPattern", Repeated },
        },
        new("PodFailurePolicyOnExitCodesRequirement")
        {
            { 1, "containerName", Text, Pointer },
            { 2, "operator", Text },
            { 3, "values", Int, Repeated },
        },
        new("PodFailurePolicyOnPodConditionsPattern") { { 1, "type", Text }, { 2, "status", Text } },
        new("SuccessPolicy") { { 1, "rules", "SuccessPolicyRule", Repeated } },
        new("SuccessPolicyRule") { { 1, "succeededIndexes", Text, Pointer }, { 2, "succeededCount", Int, Pointer } },
        new("JobStatus")
        {
            { 1, "conditions", "JobCondition", Repeated },
            { 2, "startTime", Time },
            { 3, "completionTime", Time },
            { 4, "active", Int },
            { 5, "succeeded", Int },
            { 6, "failed", Int },
            { 7, "completedIndexes", Text },
            { 8, "uncountedTerminatedPods", "UncountedTerminatedPods" },
            { 9, "ready", Int, Pointer },
            { 10, "failedIndexes", Text, Pointer },
            { 11, "terminating", Int, Pointer },
        },
        new("UncountedTerminatedPods") { { 1, "succeeded", Text, Repeated }, { 2, "failed", Text, Repeated } },
        new("JobCondition")
        {
            { 1, "type", Text },
            { 2, "status", Text },
            { 3, "lastProbeTime", Time },
            { 4, "lastTransitionTime", Time },
            { 5, "reason", Text },
            { 6, "message", Text },
        },
        new("JobTemplateSpec") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "JobSpec" } },
        new("CronJob") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "CronJobSpec" }, { 3, "status", "CronJobStatus" } },
        new("CronJobSpec")
        {
            { 1, "schedule", Text },
            { 2, "startingDeadlineSeconds", Long, Pointer },
            { 3, "concurrencyPolicy", Text },
            { 4, "suspend", Bool, Pointer },
            { 5, "jobTemplate", "JobTemplateSpec" },
            { 6, "successfulJobsHistoryLimit", Int, Pointer },
            { 7, "failedJobsHistoryLimit", Int, Pointer },
            { 8, "timeZone", Text, Pointer },
        },
        new("CronJobStatus")
        {
            { 1, "active", "ObjectReference", Repeated },
            { 4, "lastScheduleTime", Time },
            { 5, "lastSuccessfulTime", Time },
        },
    ];
}
