using System.Text;

namespace Parity.Arena;

/// <summary>
/// Interns names (models, languages) read as UTF-8 bytes: each distinct name gets a dense
/// index and is decoded to a string once.
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _names = [];

    public NameTable() => _lookup = _indexes.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _names.Count;

    public string this[int index] => _names[index];

    public IReadOnlyList<string> Names => _names;

    public int Intern(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var n = Encoding.UTF8.GetChars(utf8, chars);
        return Intern((ReadOnlySpan<char>)chars[..n]);
    }

    public int Intern(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var index))
        {
            return index;
        }

        var text = name.ToString();
        index = _names.Count;
        _names.Add(text);
        _indexes[text] = index;
        return index;
    }

    public int IndexOf(string name) => _indexes.GetValueOrDefault(name, -1);
}
