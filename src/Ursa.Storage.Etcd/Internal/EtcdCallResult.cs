namespace Ursa.Storage.Etcd.Internal;

/// <summary>
/// An etcd answer, and whether an earlier attempt of the same call may also have been applied (it was sent,
/// then its connection broke or its deadline passed), which a guarded write must account for.
/// </summary>
internal readonly record struct EtcdCallResult<T>(T Response, bool EarlierAttemptMayHaveLanded);
