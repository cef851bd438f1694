using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Parity.Gateway;

/// <summary>
/// SQLite's bind functions called directly on a statement's native handle: the ledger import binds 20
/// values per record, and going through SQLitePCL's provider interface and safe-handle marshalling for
/// each cost more than the binds themselves. Only for statements the caller keeps alive and uses from one thread.
/// </summary>
internal static unsafe partial class SqliteBind
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    /// <summary>SQLITE_STATIC: SQLite uses the caller's bytes in place until the statement is reset.</summary>
    private static readonly IntPtr Static = IntPtr.Zero;

    public static int Text(IntPtr statement, int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* text = utf8)
        {
            return sqlite3_bind_text(statement, index, utf8.IsEmpty ? EmptyText : text, utf8.Length, Transient);
        }
    }

    /// <summary>
    /// Binds <paramref name="utf8"/> without a copy (no allocation inside SQLite). The bytes must be in
    /// pinned memory (or static data) and stay unchanged until the statement has run and been reset.
    /// </summary>
    public static int PinnedText(IntPtr statement, int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* text = utf8)
        {
            return sqlite3_bind_text(statement, index, utf8.IsEmpty ? EmptyText : text, utf8.Length, Static);
        }
    }

    /// <summary>A non-null pointer for an empty value (null would bind SQL NULL), in static data.</summary>
    private static byte* EmptyText => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference("\0"u8));

    public static int Int64(IntPtr statement, int index, long value) => sqlite3_bind_int64(statement, index, value);

    public static int Double(IntPtr statement, int index, double value) => sqlite3_bind_double(statement, index, value);

    public static int Null(IntPtr statement, int index) => sqlite3_bind_null(statement, index);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_text(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_double(IntPtr statement, int index, double value);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_null(IntPtr statement, int index);
}
