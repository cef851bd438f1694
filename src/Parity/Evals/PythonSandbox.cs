using System.Diagnostics;

namespace Parity.Evals;

/// <summary>
/// Runs untrusted Python in a separate <c>python3</c> process: isolated mode (<c>-I</c>), a fresh
/// temporary directory as working directory, a minimal environment, a wall-clock timeout that kills
/// the process tree, at most 2 GiB of memory and 64 MiB per written file, and no network — inside a
/// new network namespace (<c>unshare -rn</c>) where the system allows it, and in every case with
/// Python's socket constructors disabled.
/// </summary>
internal sealed class PythonSandbox
{
    private const string Prelude =
        "try:\n" +
        "    import resource as _parity_resource\n" +
        "    _parity_resource.setrlimit(_parity_resource.RLIMIT_AS, (2 << 30, 2 << 30))\n" +
        "    _parity_resource.setrlimit(_parity_resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))\n" +
        "    del _parity_resource\n" +
        "except (ImportError, ValueError, OSError):\n" +
        "    pass\n" +
        "import socket as _parity_socket\n" +
        "def _parity_no_network(*args, **kwargs):\n" +
        "    raise OSError('network access is disabled in the Parity sandbox')\n" +
        "_parity_socket.socket = _parity_no_network\n" +
        "_parity_socket.create_connection = _parity_no_network\n" +
        "_parity_socket.getaddrinfo = _parity_no_network\n" +
        "del _parity_socket, _parity_no_network\n";

    private static readonly Lazy<bool> UnshareWorks = new(() => Probe("unshare", ["-rn", "true"]));
    private static readonly SemaphoreSlim Slots = new(Math.Max(1, Environment.ProcessorCount));

    public PythonSandbox(TimeSpan timeout, string python = "python3")
    {
        Timeout = timeout;
        Python = python;
    }

    public TimeSpan Timeout { get; }

    public string Python { get; }

    /// <summary>Runs the program; true when it exits with code 0 within the timeout.</summary>
    public async Task<(bool Passed, string Detail)> RunAsync(string program, CancellationToken cancellationToken)
    {
        await Slots.WaitAsync(cancellationToken);
        var dir = Directory.CreateTempSubdirectory("parity-py-");
        try
        {
            var file = Path.Combine(dir.FullName, "program.py");
            await File.WriteAllTextAsync(file, Prelude + program, cancellationToken);
            var start = new ProcessStartInfo
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            if (UnshareWorks.Value)
            {
                start.FileName = "unshare";
                start.ArgumentList.Add("-rn");
                start.ArgumentList.Add(Python);
            }
            else
            {
                start.FileName = Python;
            }

            foreach (var arg in new[] { "-I", "-B", file })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment.Clear();
            start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
            start.Environment["HOME"] = dir.FullName;
            start.Environment["PYTHONHASHSEED"] = "0";
            start.Environment["PYTHONIOENCODING"] = "utf-8";

            using var process = Process.Start(start) ?? throw new ParityException($"Could not start '{Python}'.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                return (false, $"timed out after {Timeout.TotalSeconds:0.#} s");
            }

            await Task.WhenAll(stdout, stderr);
            var err = stderr.Result.Trim();
            var lastLine = err.Length == 0 ? string.Empty : err[(err.LastIndexOf('\n') + 1)..];
            return process.ExitCode == 0 ? (true, "passed") : (false, lastLine.Length > 0 ? lastLine : $"exit code {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ParityException($"Could not run '{Python}' to test generated code: {ex.Message}. Install Python 3.", ex);
        }
        finally
        {
            Slots.Release();
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static bool Probe(string file, string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start);
            if (p is null)
            {
                return false;
            }

            p.WaitForExit(5000);
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
