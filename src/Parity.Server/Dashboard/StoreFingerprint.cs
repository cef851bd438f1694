using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Parity.Storage;

namespace Parity.Server.Dashboard;

/// <summary>
/// Tells when the dashboard's data changed. <see cref="Stat"/> is cheap (file sizes and times of the store,
/// its WAL and the claims file) and runs at most once per check interval; only when it differs is
/// <see cref="ContentKey"/> asked (what the store holds: imports, runs, results), so merely opening the store
/// (which touches its files) never counts as a change.
/// </summary>
internal static class StoreFingerprint
{
    /// <summary>Sizes and write times of the files the data come from.</summary>
    public static string Stat(DashboardOptions options)
    {
        static string One(string? path) =>
            path is not null && new FileInfo(path) is { Exists: true } f
                ? f.Length.ToString(CultureInfo.InvariantCulture) + "@" + f.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)
                : "-";
        return string.Join('|', One(options.StorePath), One(options.StorePath + "-wal"), One(options.ClaimsFile));
    }

    /// <summary>What the store (catalog imports, arena snapshots, eval runs) and the claims file hold, as one string: equal strings, equal data.</summary>
    public static string ContentKey(DashboardOptions options)
    {
        var parts = new List<string>();
        if (File.Exists(options.StorePath))
        {
            using var store = ParityStore.OpenSqlite(options.StorePath);
            parts.Add(store.Connection.QuerySingle<string>(
                """
                SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM catalog_imports) || '/' ||
                       (SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM eval_runs) || '/' ||
                       (SELECT COUNT(*) FROM eval_results) || '/' ||
                       (SELECT COALESCE(SUM(score), 0) FROM eval_results)
                """) + "/" + Arena.ArenaSnapshotStore.Fingerprint(store));
        }
        else
        {
            parts.Add("shipped");
        }

        if (options.ClaimsFile is { } claims && File.Exists(claims))
        {
            parts.Add(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(claims))));
        }

        return string.Join('|', parts);
    }
}
