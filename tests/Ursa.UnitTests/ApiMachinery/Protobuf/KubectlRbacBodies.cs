namespace Ursa.UnitTests.ApiMachinery.Protobuf;

/// <summary>
/// Captured kubectl v1.33 bodies of <c>kubectl create role|clusterrole|rolebinding|clusterrolebinding|quota|priorityclass</c>
/// beside the JSON each must decode to.
/// </summary>
internal static class KubectlRbacBodies
{
    public static TheoryData<string, string, string> Captured => new()
    {
        {
            "create role r --verb=get,list --resource=pods --resource-name=a",
            "azhzAAokChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgRSb2xlEisKEQoBchIAGgAiACoAMgA4AEIAEhYKA2dldAoEbGlzdBIAGgRwb2Rz"
            + "IgFhGgAiAA==",
            """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"r"},
             "rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods"],"resourceNames":["a"]}]}
            """
        },
        {
            "create clusterrole cr --verb=get --non-resource-url=/healthz",
            "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRIlChIKAmNyEgAaACIAKgAyADgAQgASDwoDZ2V0KggvaGVh"
            + "bHRoehoAIgA=",
            """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"cr"},
             "rules":[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}
            """
        },
        {
            "create rolebinding rb --role=r --user=alice --serviceaccount=default:sa",
            "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxKHAQoSCgJyYhIAGgAiACoAMgA4AEIAEioKBFVzZXISGXJi"
            + "YWMuYXV0aG9yaXphdGlvbi5rOHMuaW8aBWFsaWNlIgASHwoOU2VydmljZUFjY291bnQSABoCc2EiB2RlZmF1bHQaJAoZcmJhYy5hdXRob3JpemF0"
            + "aW9uLms4cy5pbxIEUm9sZRoBchoAIgA=",
            """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"rb"},
             "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"},
                         {"kind":"ServiceAccount","name":"sa","namespace":"default"}],
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"}}
            """
        },
        {
            "create clusterrolebinding crb --clusterrole=cr --group=devs",
            "azhzAAoyChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEhJDbHVzdGVyUm9sZUJpbmRpbmcSbwoTCgNjcmISABoAIgAqADIAOABCABIqCgVH"
            + "cm91cBIZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxoEZGV2cyIAGiwKGXJiYWMuYXV0aG9yaXphdGlvbi5rOHMuaW8SC0NsdXN0ZXJSb2xlGgJj"
            + "choAIgA=",
            """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"crb"},
             "subjects":[{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"devs"}],
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cr"}}
            """
        },
        {
            "create quota q --hard=cpu=2,pods=10",
            "azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRIxChEKAXESABoAIgAqADIAOABCABIaCgoKA2NwdRIDCgEyCgwKBHBvZHMSBAoCMTAaABoAIgA=",
            """{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"cpu":"2","pods":"10"}},"status":{}}"""
        },
        {
            "create priorityclass pc --value=1000 --description=hi",
            "azhzAAolChRzY2hlZHVsaW5nLms4cy5pby92MRINUHJpb3JpdHlDbGFzcxIzChIKAnBjEgAaACIAKgAyADgAQgAQ6AcYACICaGkqFFByZWVtcHRM"
            + "b3dlclByaW9yaXR5GgAiAA==",
            """
            {"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"pc"},
             "value":1000,"description":"hi","preemptionPolicy":"PreemptLowerPriority"}
            """
        },
    };
}
