namespace Smoothie.Samples.Tests;

/// <summary>One WebApi sample process per test class, serving a tiny pipeline folder written by the fixture.</summary>
public sealed class WebApiServerFixture : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-webapi").FullName;
    private WebApiProcess? server;

    public string PipelineFolder => Path.Combine(root, "pipeline");

    internal WebApiProcess Server => server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        TinyPipelineFolder.Write(PipelineFolder);
        server = WebApiProcess.Start(new Dictionary<string, string>
        {
            ["Smoothie__PipelinePath"] = PipelineFolder,
            ["Smoothie__Steps"] = "4",
            ["Smoothie__Device"] = "Cpu",
        });
        await server.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(90));
    }

    public Task DisposeAsync()
    {
        server?.Dispose();
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }
}
