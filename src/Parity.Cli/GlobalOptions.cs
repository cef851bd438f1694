using System.CommandLine;

namespace Parity.Cli;

/// <summary>Options every command understands.</summary>
internal static class GlobalOptions
{
    /// <summary>The local store: a SQLite file, <c>parity.db</c> in the working directory by default.</summary>
    public static Option<string> Db { get; } = new("--db")
    {
        Description = "Path of the local store (SQLite file)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PARITY_DB") ?? Parity.Storage.ParityStore.DefaultFileName,
        Recursive = true,
    };
}
