namespace Parity.Costs;

/// <summary>How a scenario's fleet is laid out.</summary>
public sealed class ScenarioDeployment
{
    /// <summary>Nodes in one prefill deployment unit.</summary>
    public int? PrefillUnitNodes { get; set; }

    /// <summary>Nodes in one decode deployment unit (sharing one copy of the weights).</summary>
    public int? DecodeUnitNodes { get; set; }

    /// <summary>fp8 or bf16.</summary>
    public string? Precision { get; set; }
}
