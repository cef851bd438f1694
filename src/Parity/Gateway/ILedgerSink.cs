namespace Parity.Gateway;

/// <summary>Where a running gateway records requests: the SQLite ledger log, or group commits to PostgreSQL.</summary>
public interface ILedgerSink : IAsyncDisposable
{
    /// <summary>Writes that held records so far: copies into the log (SQLite, one per record) or transactions (PostgreSQL).</summary>
    long Batches { get; }

    /// <summary>Records handed to the operating system or committed so far.</summary>
    long Written { get; }

    /// <summary>Records one request; the task completes once the record survives <c>kill -9</c> of this process.</summary>
    Task AppendAsync(LedgerEntry entry);
}
