namespace Parity;

/// <summary>
/// Finds the snapshots that ship with Parity. They are copied beside every binary that references
/// the engine (<c>data/</c> next to the assembly), so they are found wherever <c>parity</c> runs from.
/// <c>PARITY_DATA_DIR</c> overrides the location.
/// </summary>
public static class ShippedData
{
    /// <summary>The folder that holds the shipped snapshots.</summary>
    public static string Root
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("PARITY_DATA_DIR");
            if (!string.IsNullOrWhiteSpace(fromEnv))
            {
                return fromEnv;
            }

            var besideBinary = Path.Combine(AppContext.BaseDirectory, "data");
            if (Directory.Exists(besideBinary))
            {
                return besideBinary;
            }

            throw new ParityException($"Parity's shipped data was not found at '{besideBinary}'. Reinstall Parity or set PARITY_DATA_DIR to the repository's data/ folder.");
        }
    }

    /// <summary>The full path of a shipped file, given its path relative to <c>data/</c>.</summary>
    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new ParityException($"Shipped data file '{relative}' is missing from '{Root}'.");
        }

        return path;
    }
}
