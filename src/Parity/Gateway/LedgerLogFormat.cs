using System.Text.Json;

namespace Parity.Gateway;

/// <summary>
/// One ledger record as a line of the ledger log: a JSON object (the <c>gateway_ledger</c> column
/// names) and a newline. Doubles keep their exact value (shortest round-trip form).
/// <see cref="LedgerLineImporter"/> reads the lines back.
/// </summary>
internal static class LedgerLogFormat
{
    public static void Write(Utf8JsonWriter w, LedgerEntry e)
    {
        w.WriteStartObject();
        w.WriteString("request_id"u8, e.RequestId);
        Span<byte> at = stackalloc byte[LedgerTime.Length];
        w.WriteString("at"u8, at[..LedgerTime.Write(e.At, at)]);
        WriteOptional(w, "key_id"u8, e.KeyId);
        w.WriteString("route"u8, e.Route);
        WriteOptional(w, "model"u8, e.Model);
        WriteOptional(w, "provider"u8, e.Provider);
        WriteOptional(w, "vendor"u8, e.Vendor);
        WriteOptional(w, "origin"u8, e.Origin);
        if (e.OpenWeights is { } open)
        {
            w.WriteBoolean("open_weights"u8, open);
        }

        w.WriteNumber("input_tokens"u8, e.InputTokens);
        w.WriteNumber("output_tokens"u8, e.OutputTokens);
        w.WriteNumber("cached_tokens"u8, e.CachedTokens);
        w.WriteNumber("cost_usd"u8, e.CostUsd);
        w.WriteNumber("latency_ms"u8, e.LatencyMs);
        w.WriteNumber("status"u8, e.Status);
        WriteOptional(w, "error"u8, e.Error);
        w.WriteBoolean("streamed"u8, e.Streamed);
        w.WriteNumber("attempts"u8, e.Attempts);
        w.WriteString("usage_source"u8, e.UsageSource);
        w.WriteString("node"u8, e.Node);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
