using System.Text.Json;

namespace Parity.Gateway;

/// <summary>
/// One ledger record as a line of the ledger log: a JSON object (the <c>gateway_ledger</c> column
/// names) and a newline. Doubles keep their exact value (shortest round-trip form).
/// </summary>
internal static class LedgerLogFormat
{
    public static void Write(Utf8JsonWriter w, LedgerEntry e)
    {
        w.WriteStartObject();
        w.WriteString("request_id"u8, e.RequestId);
        w.WriteString("at"u8, LedgerTime.ToText(e.At));
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

    /// <summary>Reads one line (without its newline); <paramref name="where"/> names it in errors.</summary>
    public static LedgerEntry Read(ReadOnlySpan<byte> line, string where)
    {
        string? requestId = null, at = null, keyId = null, route = null, model = null, provider = null, vendor = null, origin = null, error = null, usageSource = null, node = null;
        bool? open = null;
        long input = 0, output = 0, cached = 0;
        double cost = 0, latency = 0;
        int status = 0, attempts = 0;
        var streamed = false;
        try
        {
            var r = new Utf8JsonReader(line);
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("not a JSON object");
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = r.GetString();
                r.Read();
                switch (name)
                {
                    case "request_id": requestId = r.GetString(); break;
                    case "at": at = r.GetString(); break;
                    case "key_id": keyId = r.GetString(); break;
                    case "route": route = r.GetString(); break;
                    case "model": model = r.GetString(); break;
                    case "provider": provider = r.GetString(); break;
                    case "vendor": vendor = r.GetString(); break;
                    case "origin": origin = r.GetString(); break;
                    case "open_weights": open = r.GetBoolean(); break;
                    case "input_tokens": input = r.GetInt64(); break;
                    case "output_tokens": output = r.GetInt64(); break;
                    case "cached_tokens": cached = r.GetInt64(); break;
                    case "cost_usd": cost = r.GetDouble(); break;
                    case "latency_ms": latency = r.GetDouble(); break;
                    case "status": status = r.GetInt32(); break;
                    case "error": error = r.GetString(); break;
                    case "streamed": streamed = r.GetBoolean(); break;
                    case "attempts": attempts = r.GetInt32(); break;
                    case "usage_source": usageSource = r.GetString(); break;
                    case "node": node = r.GetString(); break;
                    default: r.Skip(); break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new ParityException($"{where}: not a ledger record ({ex.Message}).", ex);
        }

        if (requestId is null || at is null || route is null || node is null)
        {
            throw new ParityException($"{where}: a ledger record needs request_id, at, route and node.");
        }

        return new LedgerEntry
        {
            RequestId = requestId,
            At = LedgerTime.Parse(at),
            KeyId = keyId,
            Route = route,
            Model = model,
            Provider = provider,
            Vendor = vendor,
            Origin = origin,
            OpenWeights = open,
            InputTokens = input,
            OutputTokens = output,
            CachedTokens = cached,
            CostUsd = cost,
            LatencyMs = latency,
            Status = status,
            Error = error,
            Streamed = streamed,
            Attempts = attempts,
            UsageSource = usageSource ?? "none",
            Node = node,
        };
    }

    private static void WriteOptional(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
