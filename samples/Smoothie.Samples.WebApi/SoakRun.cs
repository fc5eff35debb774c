using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Smoothie.Data;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Samples.WebApi;

/// <summary>
/// A bounded, self-stopping soak of the sample (<c>--soak</c>): starts the server in this process on 127.0.0.1 (a free
/// port) with the configured pipeline, sends warm-up requests, then <see cref="SoakOptions.Requests"/> <c>POST /generate</c>
/// requests of bundled KJV test verses from <see cref="SoakOptions.Clients"/> concurrent clients, and reports failures,
/// p50/p99/max latency, requests per second and resident memory (RSS of this process, which holds both the server and the
/// clients) before and after warm-up and at the end. Exit code 0 when every request succeeded and RSS grew less than
/// <see cref="SoakOptions.MaxGrowthMegabytes"/> after warm-up, 1 otherwise (also when the time limit stopped the run).
/// </summary>
public static class SoakRun
{
    /// <summary>Runs the soak and writes the report.</summary>
    /// <param name="options">Requests, clients, warm-up, memory limit, time limit.</param>
    /// <param name="hostArgs">Configuration arguments for the server (e.g. <c>--Smoothie:PipelinePath=models/kjv-web-tiny</c>).</param>
    /// <param name="report">Where the report goes.</param>
    public static async Task<int> RunAsync(SoakOptions options, string[] hostArgs, TextWriter report)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hostArgs);
        ArgumentNullException.ThrowIfNull(report);
        await using WebApplication app = WebApiApplication.Build([.. hostArgs, "--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        using var timeLimit = new CancellationTokenSource(options.TimeLimit);
        try
        {
            var url = new Uri(new Uri(app.Urls.First()), "/generate");
            SmoothiePipeline pipeline = await Task.Run(() => app.Services.GetRequiredService<BatchingSmoothieGenerator>().Pipeline, timeLimit.Token);
            string[] verses = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web").Select(p => p.Source).ToArray();
            AdmissionOptions admission = app.Services.GetRequiredService<AdmissionOptions>();
            report.WriteLine(Invariant(
                $"soak: {options.Requests:N0} requests (+{options.WarmUpRequests:N0} warm-up) from {options.Clients} clients to {url}; pipeline {app.Configuration["Smoothie:PipelinePath"] ?? "(demo, untrained)"} ({pipeline.Configuration.SamplingSteps} steps by default, Smoothie:Steps {app.Configuration["Smoothie:Steps"] ?? "unset"}, MaxBatchSize {app.Configuration["Smoothie:MaxBatchSize"] ?? "16"}); admission {admission.MaxConcurrentRequests} in progress + {admission.MaxQueuedRequests} queued; time limit {options.TimeLimit.TotalMinutes:0.#} min"));

            using var peak = new PeakMemory();
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients }) { Timeout = TimeSpan.FromSeconds(120) };
            double beforeWarmUp = SettledResidentMegabytes();
            double managedBefore = GC.GetTotalMemory(false) / 1e6;
            Batch warmUp = await FireAsync(client, url, verses, 0, options.WarmUpRequests, options.Clients, progress: null, timeLimit.Token);
            double afterWarmUp = SettledResidentMegabytes();
            double managedAfterWarmUp = GC.GetTotalMemory(false) / 1e6;
            var clock = Stopwatch.StartNew();
            Batch measured = await FireAsync(client, url, verses, options.WarmUpRequests, options.Requests, options.Clients, Progress(report, options.Requests), timeLimit.Token);
            double seconds = clock.Elapsed.TotalSeconds;
            double end = SettledResidentMegabytes();
            double managedEnd = GC.GetTotalMemory(false) / 1e6;

            double growth = end - afterWarmUp;
            int failed = warmUp.Failures.Count + measured.Failures.Count + (options.Requests - measured.Completed) + (options.WarmUpRequests - warmUp.Completed);
            bool pass = failed == 0 && growth < options.MaxGrowthMegabytes;
            double[] latencies = [.. measured.Latencies.Order()];
            report.WriteLine(pass ? "soak: PASS" : "soak: FAIL");
            report.WriteLine(Invariant(
                $"requests: {measured.Completed:N0} of {options.Requests:N0} measured (+{warmUp.Completed:N0} of {options.WarmUpRequests:N0} warm-up), {options.Clients} clients, {failed} failed ({warmUp.Unavailable + measured.Unavailable} × HTTP 503){(timeLimit.IsCancellationRequested ? "; stopped by the time limit" : string.Empty)}"));
            if (latencies.Length > 0)
            {
                report.WriteLine(Invariant($"latency: p50 {Percentile(latencies, 0.50):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms, mean {latencies.Average():0.0} ms"));
                report.WriteLine(Invariant($"throughput: {measured.Completed / seconds:0.0} requests/s ({measured.Completed:N0} in {seconds:0.0} s)"));
            }

            report.WriteLine(Invariant(
                $"resident memory: {beforeWarmUp:0.0} MB before warm-up, {afterWarmUp:0.0} MB after warm-up, {end:0.0} MB at the end (growth {growth:+0.0;-0.0} MB, limit < {options.MaxGrowthMegabytes:0.#} MB), peak {peak.Megabytes:0.0} MB; managed heap {managedBefore:0.0} / {managedAfterWarmUp:0.0} / {managedEnd:0.0} MB"));
            foreach (string failure in warmUp.Failures.Concat(measured.Failures).Take(5))
            {
                report.WriteLine($"failure: {failure}");
            }

            return pass ? 0 : 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// RSS between phases, when no request is in flight, after a full garbage collection (so managed garbage awaiting
    /// collection and tensors awaiting finalization are not counted as growth; memory still referenced is).
    /// </summary>
    private static double SettledResidentMegabytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return PeakMemory.ResidentMegabytes();
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Prints a progress line (requests done, failures, RSS, managed heap) at every tenth of the run.</summary>
    private static Action<Batch> Progress(TextWriter report, int requests)
    {
        int every = Math.Max(1, requests / 10);
        return batch =>
        {
            if (batch.Completed % every == 0)
            {
                string line = Invariant($"  {batch.Completed:N0}/{requests:N0} requests, {batch.Failures.Count} failed, RSS {PeakMemory.ResidentMegabytes():0.0} MB, managed heap {GC.GetTotalMemory(false) / 1e6:0.0} MB");
                lock (report)
                {
                    report.WriteLine(line);
                }
            }
        };
    }

    /// <summary>Sends <paramref name="count"/> requests (verses from <paramref name="first"/> on) from <paramref name="clients"/> concurrent loops.</summary>
    private static async Task<Batch> FireAsync(HttpClient client, Uri url, string[] verses, int first, int count, int clients, Action<Batch>? progress, CancellationToken cancellationToken)
    {
        var batch = new Batch();
        int next = -1;
        async Task ClientLoop()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested)
            {
                string verse = verses[(first + i) % verses.Length];
                long start = Stopwatch.GetTimestamp();
                try
                {
                    using HttpResponseMessage response = await client.PostAsJsonAsync(url, new { text = verse }, cancellationToken).ConfigureAwait(false);
                    string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    batch.Complete(milliseconds, Check(response.StatusCode, body, verse), response.StatusCode == HttpStatusCode.ServiceUnavailable);
                    progress?.Invoke(batch);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return; // the time limit: unsent and unanswered requests count as failed
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    batch.Complete(Stopwatch.GetElapsedTime(start).TotalMilliseconds, $"'{verse}': {e.GetType().Name}: {e.Message}", unavailable: false);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientLoop, CancellationToken.None))).ConfigureAwait(false);
        return batch;
    }

    /// <summary>Null when the answer is a 200 with a text output and an unknown-token share; else what is wrong.</summary>
    private static string? Check(HttpStatusCode status, string body, string verse)
    {
        if (status != HttpStatusCode.OK)
        {
            return $"'{verse}': HTTP {(int)status}: {body}";
        }

        using JsonDocument json = JsonDocument.Parse(body);
        bool valid = json.RootElement.TryGetProperty("output", out JsonElement output) && output.ValueKind == JsonValueKind.String
            && json.RootElement.TryGetProperty("unknownTokenShare", out JsonElement share) && share.ValueKind == JsonValueKind.Number;
        return valid ? null : $"'{verse}': unexpected body {body}";
    }

    /// <summary>What one series of requests gave: latencies of answered requests, failures, how many 503s.</summary>
    private sealed class Batch
    {
        private readonly ConcurrentQueue<double> latencies = new();
        private readonly ConcurrentQueue<string> failures = new();
        private int unavailable;
        private int completed;

        public IReadOnlyCollection<double> Latencies => latencies;

        public IReadOnlyCollection<string> Failures => failures;

        public int Unavailable => unavailable;

        public int Completed => Volatile.Read(ref completed);

        public void Complete(double milliseconds, string? failure, bool unavailable)
        {
            latencies.Enqueue(milliseconds);
            if (failure is not null)
            {
                failures.Enqueue(failure);
            }

            if (unavailable)
            {
                Interlocked.Increment(ref this.unavailable);
            }

            Interlocked.Increment(ref completed);
        }
    }
}
