namespace Parity.Arena;

/// <summary>Category tags a battle carries in LMArena's public logs (<c>is_code</c>, <c>category_tag</c>…).</summary>
[Flags]
internal enum BattleCategories
{
    None = 0,
    Coding = 1,
    Refusal = 2,
    HardPrompt = 4,
    Math = 8,
    InstructionFollowing = 16,
    CreativeWriting = 32,
}
