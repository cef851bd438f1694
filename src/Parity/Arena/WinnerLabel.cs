using System.Runtime.CompilerServices;
using System.Text;

namespace Parity.Arena;

/// <summary>Parses the <c>winner</c> field: <c>model_a</c>, <c>model_b</c>, <c>tie</c>, <c>tie (bothbad)</c> (also arena-rank's <c>both_bad</c>).</summary>
internal static class WinnerLabel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out BattleOutcome outcome)
    {
        if (utf8.SequenceEqual("model_a"u8))
        {
            outcome = BattleOutcome.ModelA;
        }
        else if (utf8.SequenceEqual("model_b"u8))
        {
            outcome = BattleOutcome.ModelB;
        }
        else if (utf8.SequenceEqual("tie"u8))
        {
            outcome = BattleOutcome.Tie;
        }
        else if (utf8.SequenceEqual("tie (bothbad)"u8) || utf8.SequenceEqual("both_bad"u8))
        {
            outcome = BattleOutcome.TieBothBad;
        }
        else
        {
            outcome = default;
            return false;
        }

        return true;
    }

    public static bool TryParse(ReadOnlySpan<char> text, out BattleOutcome outcome)
    {
        Span<byte> bytes = stackalloc byte[Math.Min(64, Encoding.UTF8.GetMaxByteCount(Math.Min(text.Length, 16)))];
        if (text.Length > 16)
        {
            outcome = default;
            return false;
        }

        var n = Encoding.UTF8.GetBytes(text, bytes);
        return TryParse(bytes[..n], out outcome);
    }
}
