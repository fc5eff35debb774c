using Microsoft.Extensions.Options;
using Smoothie.Samples.WebApi;

// `--soak [--requests N] [--clients C] …`: start this server in-process on 127.0.0.1, load it, report and exit (SoakRun).
// Otherwise serve until stopped.
try
{
    if (SoakOptions.TryParse(args, out SoakOptions? soak, out string[] hostArgs, out string? soakError))
    {
        if (soakError is not null)
        {
            Console.Error.WriteLine(soakError);
            return 2;
        }

        return await SoakRun.RunAsync(soak!, hostArgs, Console.Out);
    }

    WebApplication app = WebApiApplication.Build(args);
    app.Run();
    return 0;
}
catch (OptionsValidationException e)
{
    // Bad configuration stops the server at start-up with one line per problem.
    Console.Error.WriteLine(e.OptionsName == AdmissionOptions.SectionName ? "The Admission configuration is invalid:" : "The Smoothie configuration is invalid:");
    foreach (string failure in e.Failures)
    {
        Console.Error.WriteLine($" - {failure}");
    }

    return 1;
}
