using Parity.Gateway;

namespace Parity.Server.Dashboard;

/// <summary>What <c>parity serve</c> reads: the local store, the claims file and (optionally) a gateway's ledger.</summary>
/// <param name="StorePath">The SQLite store (catalog imports, arena imports, eval runs); the shipped data alone when the file does not exist.</param>
/// <param name="ClaimsFile">The claims file to check; null for the shipped <c>data/claims/claims.yaml</c>.</param>
/// <param name="Gateway">The gateway whose ledger the usage page sums; null hides the page's data.</param>
/// <param name="CheckInterval">How often a request may look at the store's files for changes.</param>
public sealed record DashboardOptions(string StorePath, string? ClaimsFile = null, GatewaySetup? Gateway = null, TimeSpan? CheckInterval = null);
