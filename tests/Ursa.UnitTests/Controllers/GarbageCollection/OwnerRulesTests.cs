using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Controllers.GarbageCollection;

namespace Ursa.UnitTests.Controllers.GarbageCollection;

public sealed class OwnerRulesTests
{
    [Fact]
    public void NoOwners_Kept() => Assert.Equal(OwnerVerdict.Keep, OwnerRules.Judge(Dependent(), _ => true));

    [Fact]
    public void AllOwnersGone_Deleted() =>
        Assert.Equal(OwnerVerdict.Delete, OwnerRules.Judge(Dependent(Ref("a"), Ref("b")), _ => true));

    [Fact]
    public void OneOwnerLive_DanglingReferencesRemoved_AndOnlyThose()
    {
        var dependent = Dependent(Ref("a"), Ref("b"));
        Assert.Equal(OwnerVerdict.RemoveDanglingReferences, OwnerRules.Judge(dependent, r => r.Uid == "a"));
        Assert.Equal("b", Assert.Single(OwnerRules.Without(dependent, new HashSet<string> { "a" })!).Uid);
    }

    [Fact]
    public void UnknownOwner_CountsAsLive()
    {
        // An owner kind the collector does not track is never judged gone: no deletion on a guess.
        Assert.Equal(OwnerVerdict.Keep, OwnerRules.Judge(Dependent(Ref("a")), _ => null));
        Assert.Equal(OwnerVerdict.RemoveDanglingReferences, OwnerRules.Judge(Dependent(Ref("a"), Ref("b")), r => r.Uid == "a" ? true : null));
    }

    [Fact]
    public void Without_LastReference_LeavesNull() =>
        Assert.Null(OwnerRules.Without(Dependent(Ref("a")), new HashSet<string> { "a" }));

    [Fact]
    public void Foreground_WaitsOnlyForBlockingDependents()
    {
        var owner = new Pod { Metadata = new ObjectMeta { Uid = "o" } };
        var blocking = Dependent(Ref("o", block: true));
        var loose = Dependent(Ref("o", block: false));
        Assert.False(OwnerRules.ForegroundDone(owner, [blocking, loose]));
        Assert.True(OwnerRules.ForegroundDone(owner, [loose]));
        Assert.True(OwnerRules.ForegroundDone(owner, []));
    }

    [Fact]
    public void Deleting_NeedsBothTimestampAndFinalizer()
    {
        var obj = new Pod { Metadata = new ObjectMeta { Finalizers = ["foregroundDeletion"] } };
        Assert.False(OwnerRules.Deleting(obj, OwnerRules.ForegroundFinalizer));
        obj.Metadata.DeletionTimestamp = DateTimeOffset.UnixEpoch;
        Assert.True(OwnerRules.Deleting(obj, OwnerRules.ForegroundFinalizer));
        Assert.False(OwnerRules.Deleting(obj, OwnerRules.OrphanFinalizer));
    }

    private static OwnerReference Ref(string uid, bool block = true) =>
        new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs-" + uid, Uid = uid, Controller = true, BlockOwnerDeletion = block };

    private static Pod Dependent(params OwnerReference[] refs) =>
        new() { Metadata = new ObjectMeta { Name = "p", OwnerReferences = refs.Length == 0 ? null : [.. refs] } };
}
