using System.Diagnostics;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>The state of one client request as it moves through the gateway, and what the ledger records of it.</summary>
internal sealed class Exchange
{
    public required string RequestId { get; init; }

    public required DateTimeOffset At { get; init; }

    public required long StartedTimestamp { get; init; }

    public string Route { get; set; } = "";

    public VirtualKey? Key { get; set; }

    /// <summary>USD reserved against the key's budget (settled when the request ends).</summary>
    public decimal Reserved { get; set; }

    public bool Admitted { get; set; }

    /// <summary>The prompt tokens the gateway counted for the model that served (0 when none did).</summary>
    public long EstimatedInputTokens { get; set; }

    public GatewayModel? Model { get; set; }

    public UsageCounts Usage;

    public int Status { get; set; }

    public string? Error { get; set; }

    public bool Streamed { get; set; }

    public int Attempts { get; set; }

    public bool Finished { get; set; }

    /// <summary>A learned route's P(strong model wins) for the prompt (null for other routes).</summary>
    public double? RouteScore { get; set; }

    /// <summary>The learned route's threshold.</summary>
    public double? RouteThreshold { get; set; }

    /// <summary>The model the learned route's router picked (the one that served it unless it failed and the other took over).</summary>
    public string? RouteChoice { get; set; }

    public decimal Cost => Model?.Cost(Usage.Input, Usage.Output, Usage.Cached, At) ?? 0;

    public double ElapsedSeconds => Stopwatch.GetElapsedTime(StartedTimestamp).TotalSeconds;

    public LedgerEntry ToLedgerEntry() => new()
    {
        RequestId = RequestId,
        At = At,
        KeyId = Key?.Id,
        Route = Route,
        Model = Model?.Name,
        Provider = Model?.Provider.Name,
        Vendor = Model?.Vendor,
        Origin = Model?.Origin,
        OpenWeights = Model?.OpenWeights,
        InputTokens = Usage.Input,
        OutputTokens = Usage.Output,
        CachedTokens = Usage.Cached,
        CostUsd = Cost,
        LatencyMs = ElapsedSeconds * 1000,
        Status = Status,
        Error = Error,
        Streamed = Streamed,
        Attempts = Attempts,
        UsageSource = Usage.FromUpstream ? "upstream" : Usage.Input + Usage.Output > 0 ? "counted" : "none",
        RouteScore = RouteScore,
        RouteThreshold = RouteThreshold,
        RouteChoice = RouteChoice,
        EstimatedInputTokens = EstimatedInputTokens,
        ReservedUsd = Admitted ? Reserved : 0,
    };
}
