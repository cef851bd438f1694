namespace Parity.Cli.Tests;

/// <summary>
/// The public raw data beside the repository (<c>../shared/data</c> in CI). Found by walking up
/// from the test binary until a folder has a <c>shared/data</c> child, so it also works from a
/// git worktree. <c>PARITY_SHARED_DATA</c> overrides.
/// </summary>
internal static class SharedData
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PARITY_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/data was not found above " + AppContext.BaseDirectory + "; set PARITY_SHARED_DATA.");
    }
}
