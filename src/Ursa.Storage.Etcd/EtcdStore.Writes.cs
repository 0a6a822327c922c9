using Google.Protobuf;
using Ursa.Storage.Etcd.Internal;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.Storage.Etcd;

public sealed partial class EtcdStore
{
    /// <inheritdoc />
    public async Task<StoreEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ByteString etcdKey = EtcdKeys.Key(key);
        ByteString copy = ByteString.CopyFrom(value.Span);
        var txn = new TxnRequest
        {
            Compare = { new Compare { Key = etcdKey, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 } },
            Success = { new RequestOp { RequestPut = new PutRequest { Key = etcdKey, Value = copy } } },
            Failure = { new RequestOp { RequestRange = new RangeRequest { Key = etcdKey } } },
        };
        (TxnResponse response, bool mayHaveLanded) = await CallWithOutcomeAsync(EtcdMethods.Txn, txn, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            if (mayHaveLanded && OwnWrite(response, copy) is { } landed)
            {
                // Our earlier attempt created the key (the value is ours byte for byte: API objects carry a uid).
                LogEarlierAttemptLanded(_logger, "create", key, landed.ModRevision);
                return landed;
            }

            throw new KeyExistsException(key);
        }

        long revision = response.Header.Revision;
        return new StoreEntry(key, copy.Memory, revision, revision);
    }

    /// <inheritdoc />
    public async Task<StoreEntry> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedModRevision);
        ByteString etcdKey = EtcdKeys.Key(key);
        ByteString copy = ByteString.CopyFrom(value.Span);
        var txn = new TxnRequest
        {
            Compare = { Precondition(etcdKey, expectedModRevision) },
            Success =
            {
                new RequestOp { RequestPut = new PutRequest { Key = etcdKey, Value = copy } },
                // Reads the put's own result in the same transaction: the create revision, without the old value.
                new RequestOp { RequestRange = new RangeRequest { Key = etcdKey, KeysOnly = true } },
            },
            Failure = { new RequestOp { RequestRange = new RangeRequest { Key = etcdKey } } },
        };
        (TxnResponse response, bool mayHaveLanded) = await CallWithOutcomeAsync(EtcdMethods.Txn, txn, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            if (mayHaveLanded && OwnWrite(response, copy) is { } landed && landed.ModRevision > expectedModRevision)
            {
                // The key moved past the expected revision to exactly our value: our earlier attempt did that.
                LogEarlierAttemptLanded(_logger, "update", key, landed.ModRevision);
                return landed;
            }

            throw PreconditionFailed(key, expectedModRevision, response);
        }

        KeyValue written = response.Responses[1].ResponseRange.Kvs[0];
        return new StoreEntry(key, copy.Memory, written.CreateRevision, response.Header.Revision);
    }

    /// <inheritdoc />
    public async Task<StoreEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedModRevision);
        ByteString etcdKey = EtcdKeys.Key(key);
        var txn = new TxnRequest
        {
            Compare = { Precondition(etcdKey, expectedModRevision) },
            Success = { new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = etcdKey, PrevKv = true } } },
            Failure = { new RequestOp { RequestRange = new RangeRequest { Key = etcdKey } } },
        };
        (TxnResponse response, bool mayHaveLanded) = await CallWithOutcomeAsync(EtcdMethods.Txn, txn, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            if (mayHaveLanded && response.Responses[0].ResponseRange.Kvs.Count == 0)
            {
                // Gone, but by our earlier attempt or another deleter? The deleted value and revision are no
                // longer readable, so say so rather than guess; the caller's retry will see NotFound.
                throw new StoreUnavailableException($"etcd: the outcome of deleting {key} is unknown (an attempt may have been applied)");
            }

            throw PreconditionFailed(key, expectedModRevision, response);
        }

        KeyValue previous = response.Responses[0].ResponseDeleteRange.PrevKvs[0];
        return new StoreEntry(key, previous.Value.Memory, previous.CreateRevision, response.Header.Revision);
    }

    /// <summary>The entry a failed guard read back, when it holds exactly <paramref name="value"/>.</summary>
    private static StoreEntry? OwnWrite(TxnResponse response, ByteString value) =>
        response.Responses[0].ResponseRange.Kvs is [{ } kv] && kv.Value.Span.SequenceEqual(value.Span) ? EtcdKeys.ToEntry(kv) : null;

    /// <summary>The key exists (expected 0) or was last modified at exactly <paramref name="expectedModRevision"/>.</summary>
    private static Compare Precondition(ByteString key, long expectedModRevision) => expectedModRevision == 0
        ? new Compare { Key = key, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Greater, CreateRevision = 0 }
        : new Compare { Key = key, Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = expectedModRevision };

    /// <summary>Turns a failed transaction's read of the key into not-found or a conflict carrying the current entry.</summary>
    private static StoreException PreconditionFailed(string key, long expectedModRevision, TxnResponse response)
    {
        RangeResponse current = response.Responses[0].ResponseRange;
        if (current.Kvs.Count == 0)
        {
            return new KeyNotFoundInStoreException(key);
        }

        StoreEntry entry = EtcdKeys.ToEntry(current.Kvs[0]);
        return new RevisionConflictException(key, expectedModRevision, entry.ModRevision) { Current = entry };
    }
}
