using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Smoothie.Samples.Tests;

/// <summary>
/// The WebApi sample running as a real process (<c>dotnet Smoothie.Samples.WebApi.dll --urls http://127.0.0.1:PORT</c>)
/// on a free port, with its console output captured for failure messages. Disposing kills the process tree.
/// </summary>
internal sealed class WebApiProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private WebApiProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static string AssemblyPath => typeof(WebApiProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "WebApiAssembly").Value!;

    /// <summary>Starts the sample with extra environment variables (e.g. <c>Smoothie__PipelinePath</c>) and command-line arguments.</summary>
    public static WebApiProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        Assert.True(File.Exists(AssemblyPath), $"The WebApi sample is not built at {AssemblyPath}.");
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var server = new WebApiProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <c>GET /health</c> until it answers 200, the process exits, or the time is up.</summary>
    public async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            Assert.False(process.HasExited, $"The WebApi sample exited with code {(process.HasExited ? process.ExitCode : 0)} before answering:\n{Log}");
            try
            {
                using HttpResponseMessage response = await Client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The WebApi sample did not answer within {timeout.TotalSeconds} s:\n{Log}");
    }

    /// <summary>Waits for the process to exit by itself (e.g. after a start-up failure), then for its output to drain.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            return false;
        }

        process.WaitForExit(); // returns once the redirected output has been read to the end
        return true;
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
