using Microsoft.Extensions.Options;
using Smoothie.Samples.WebApi;

try
{
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
