namespace Ursa.Storage.Sqlite.Internal;

internal sealed partial class StoreWriter
{
    /// <summary>
    /// Advances the compaction point by at most <see cref="SqliteStoreOptions.CompactionChunkSize"/> revisions
    /// in one transaction, so writes queued meanwhile wait for one chunk, not for the whole compaction.
    /// </summary>
    private void CompactChunk()
    {
        long target = 0;
        foreach (CompactionRequest request in _compactions)
        {
            target = Math.Max(target, request.Revision);
        }

        long from = _compacted;
        long to = Math.Min(target, from + _options.CompactionChunkSize);
        if (to > from)
        {
            try
            {
                _connection.Statement("BEGIN IMMEDIATE").Run();
                try
                {
                    _connection.Statement(StoreSchema.CompactSuperseded).Bind(1, from).Bind(2, to).Run();
                    _connection.Statement(StoreSchema.CompactDeleted).Bind(1, from).Bind(2, to).Run();
                    _connection.Statement(StoreSchema.UpdateCompactRevision).Bind(1, to).Run();
                    _connection.Statement("COMMIT").Run();
                }
                catch
                {
                    Rollback();
                    throw;
                }
            }
            catch (Exception error)
            {
                int code = error is SqliteException sqlite ? sqlite.Code : 0;
                LogCompactionFailed(_logger, from, to, code, error);
                var unavailable = new StoreUnavailableException($"compaction failed: {error.Message}", error);
                foreach (CompactionRequest request in _compactions)
                {
                    request.Fail(unavailable);
                }

                _compactions.Clear();
                return;
            }

            Volatile.Write(ref _compacted, to);
            if (to == target)
            {
                LogCompacted(_logger, to);
            }
        }

        _compactions.RemoveAll(request =>
        {
            if (request.Revision <= to)
            {
                request.Complete();
                return true;
            }

            return false;
        });
    }
}
