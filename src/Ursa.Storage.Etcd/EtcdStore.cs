using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Grpc;
using Ursa.Storage.Etcd.Internal;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.Storage.Etcd;

/// <summary>
/// <see cref="IStore"/> on an etcd v3 cluster (3.4 or newer), spoken over gRPC through <see cref="Ursa.Grpc"/>.
/// <code>
///   Get/List          -> KV.Range (linearizable; paged with limit + range_end, point-in-time with revision)
///   Create            -> KV.Txn  if create_revision(key) == 0          then Put                else Range
///   Update/Delete     -> KV.Txn  if mod_revision(key) == expected      then Put/DeleteRange  else Range
///                                (expected 0: if create_revision(key) &gt; 0)
///   Watch             -> Watch (bidi stream): prev_kv for deletes, WatchProgressRequest for progress,
///                        resumed from the last delivered revision on another endpoint after a failure
///   Compact           -> KV.Compact (physical: returns once etcd has applied it)
/// </code>
/// Why gRPC and not etcd's JSON gateway on these paths: the gateway base64-encodes every key and value
/// (+33% bytes, and a JSON parse of a 1 MiB value per read), opens an HTTP/1.1 request per call instead of
/// multiplexing 64+ concurrent calls on one HTTP/2 connection, and relays watches through a proxy goroutine
/// per stream inside etcd, which adds a hop and its own buffering to the path whose ordering we depend on.
/// gRPC is etcd's native API (the gateway is a translation of it), so it is also where its errors
/// (OutOfRange "required revision has been compacted", Unavailable) arrive with their real status codes.
/// </summary>
/// <remarks>
/// <para>Failed calls are retried on the next endpoint within one request timeout (see EtcdEndpoints). A write
/// whose earlier attempt may have landed is settled by its own guard: when the replay's guard fails and the
/// Range in its failure branch reads back exactly the value we wrote (past the expected revision, for an
/// update), the earlier attempt landed and its result is returned; otherwise the usual conflict. A delete in
/// that position whose key is gone fails with <see cref="StoreUnavailableException"/> (outcome unknown).</para>
/// <para>Revisions are etcd's main revision, unchanged, except that etcd's initial revision 1 (nothing ever
/// written) reads as 0, as the store contract says of an empty store.</para>
/// </remarks>
public sealed partial class EtcdStore : IStore
{
    private readonly EtcdStoreOptions _options;
    private readonly EtcdEndpoints _endpoints;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    /// <summary>Creates a store over already-built channels, one per endpoint (tests pass fakes here).</summary>
    public EtcdStore(IReadOnlyList<IGrpcChannel> channels, EtcdStoreOptions options, ILogger<EtcdStore>? logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider;
        _endpoints = new EtcdEndpoints(channels, options.RequestTimeout, timeProvider, _logger);
    }

    /// <summary>
    /// Connects to the cluster in <paramref name="options"/> and checks that an endpoint answers.
    /// </summary>
    /// <exception cref="StoreUnavailableException">No endpoint answered.</exception>
    public static async Task<EtcdStore> ConnectAsync(EtcdStoreOptions options, ILogger<EtcdStore>? logger, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        GrpcChannelOptions channelOptions = ChannelOptions(options);
        var channels = options.Endpoints.Select(endpoint => (IGrpcChannel)new GrpcChannel(endpoint, channelOptions)).ToList();
        var store = new EtcdStore(channels, options, logger, timeProvider);
        try
        {
            long revision = await store.GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
            LogConnected(store._logger, store._endpoints.Current.Target, revision);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken)
    {
        // A linearizable count of one key: the cheapest request whose header carries the current revision.
        var request = new RangeRequest { Key = EtcdKeys.Zero, CountOnly = true };
        RangeResponse response = await CallAsync(EtcdMethods.Range, request, cancellationToken).ConfigureAwait(false);
        return EtcdKeys.StoreRevision(response.Header.Revision);
    }

    /// <inheritdoc />
    public async Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = new RangeRequest { Key = EtcdKeys.Key(key) };
        RangeResponse response = await CallAsync(EtcdMethods.Range, request, cancellationToken).ConfigureAwait(false);
        return response.Kvs.Count == 0 ? null : EtcdKeys.ToEntry(response.Kvs[0]);
    }

    /// <inheritdoc />
    public async Task<StoreListResult> ListAsync(string prefix, StoreListOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(options.AtRevision);
        Google.Protobuf.ByteString start = EtcdKeys.PrefixStart(prefix);
        if (options.StartAfterKey is { } afterKey)
        {
            Google.Protobuf.ByteString after = EtcdKeys.After(afterKey);
            if (EtcdKeys.Compare(after, start) > 0)
            {
                start = after;
            }
        }

        var request = new RangeRequest
        {
            Key = start,
            RangeEnd = EtcdKeys.PrefixEnd(prefix),
            Limit = options.Limit,
            Revision = options.AtRevision,
        };
        RangeResponse response;
        try
        {
            response = await CallAsync(EtcdMethods.Range, request, cancellationToken).ConfigureAwait(false);
        }
        catch (EtcdException error) when (EtcdErrors.IsCompacted(error))
        {
            long compacted = await ReadCompactedRevisionAsync(options.AtRevision, cancellationToken).ConfigureAwait(false);
            throw new RevisionCompactedException(options.AtRevision, compacted);
        }
        catch (EtcdException error) when (EtcdErrors.IsFutureRevision(error))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.AtRevision, $"revision {options.AtRevision} is newer than the store's revision");
        }

        var entries = new List<StoreEntry>(response.Kvs.Count);
        foreach (KeyValue kv in response.Kvs)
        {
            entries.Add(EtcdKeys.ToEntry(kv));
        }

        long revision = options.AtRevision != 0 ? options.AtRevision : EtcdKeys.StoreRevision(response.Header.Revision);
        return new StoreListResult(entries, revision, response.More);
    }

    /// <inheritdoc />
    public async Task CompactAsync(long revision, CancellationToken cancellationToken)
    {
        if (revision <= 1)
        {
            return;
        }

        try
        {
            await CallAsync(EtcdMethods.Compact, new CompactionRequest { Revision = revision, Physical = true }, cancellationToken)
                .ConfigureAwait(false);
            LogCompacted(_logger, revision);
        }
        catch (EtcdException error) when (EtcdErrors.IsCompacted(error))
        {
            // Already compacted at or past this revision: nothing to do.
        }
        catch (EtcdException error) when (EtcdErrors.IsFutureRevision(error))
        {
            throw new ArgumentOutOfRangeException(nameof(revision), revision, "cannot compact past the current revision");
        }
    }

    /// <summary>Closes the connections; open watches end with <see cref="StoreUnavailableException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        await _endpoints.DisposeAsync().ConfigureAwait(false);
        _disposing.Dispose();
    }

    private async Task<TResponse> CallAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse> =>
        (await CallWithOutcomeAsync(method, request, cancellationToken).ConfigureAwait(false)).Response;

    private async Task<EtcdCallResult<TResponse>> CallWithOutcomeAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse>
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        try
        {
            return await _endpoints.CallAsync(method, request, cancellationToken).ConfigureAwait(false);
        }
        catch (GrpcException error)
        {
            throw EtcdErrors.Map(error);
        }
    }

    private static GrpcChannelOptions ChannelOptions(EtcdStoreOptions options)
    {
        var channel = new GrpcChannelOptions { ConnectTimeout = options.DialTimeout };
        if (options.TrustedCaFile is { } ca)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(ca);
            channel.TrustedRoots = roots;
        }

        if (options.ClientCertificateFile is { } certificate && options.ClientKeyFile is { } key)
        {
            channel.ClientCertificate = X509Certificate2.CreateFromPemFile(certificate, key);
        }

        return channel;
    }
}
