namespace Parity.Server.Tests.Gateway;

/// <summary>A row of <c>gateway_ledger</c> as the tests read it.</summary>
public sealed class LedgerRow
{
    public long Id { get; set; }

    public string Request_Id { get; set; } = "";

    public string At { get; set; } = "";

    public string? Key_Id { get; set; }

    public string Route { get; set; } = "";

    public string? Model { get; set; }

    public string? Provider { get; set; }

    public string? Vendor { get; set; }

    public string? Origin { get; set; }

    public long? Open_Weights { get; set; }

    public long Input_Tokens { get; set; }

    public long Output_Tokens { get; set; }

    public long Cached_Tokens { get; set; }

    public decimal Cost_Usd { get; set; }

    public double Latency_Ms { get; set; }

    public long Status { get; set; }

    public string? Error { get; set; }

    public long Streamed { get; set; }

    public long Attempts { get; set; }

    public string Usage_Source { get; set; } = "";

    public string Node { get; set; } = "";

    public double? Route_Score { get; set; }

    public double? Route_Threshold { get; set; }

    public string? Route_Choice { get; set; }

    public long Estimated_Input_Tokens { get; set; }

    public decimal Reserved_Usd { get; set; }
}
