using System.Runtime.CompilerServices;

namespace Parity.Arena;

/// <summary>
/// The style elements of one battle from <c>conv_metadata</c> (FastChat's
/// <c>STYLE_CONTROL_ELEMENTS_V1</c>): answer tokens, headers, list items and bold spans for
/// side a (0–3) and side b (4–7).
/// </summary>
[InlineArray(8)]
internal struct StyleCounts
{
    private double _element0;

    /// <summary>The four features (x_a − x_b)/(x_a + x_b + 1), before standardising.</summary>
    public readonly void Features(Span<double> destination)
    {
        for (var k = 0; k < 4; k++)
        {
            var a = this[k];
            var b = this[k + 4];
            destination[k] = (a - b) / (a + b + 1);
        }
    }
}
