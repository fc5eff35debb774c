using Smoothie.Schedulers.Schedules;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Schedulers/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieSchedulersReadme
{
    public static (double Mu, double Std) Example()
    {
        INoiseSchedule schedule = new ArctanSchedule(ArctanParameters.Paper);
        double mu = schedule.Mu(0.5);    // the clean latent's scale at t = 0.5
        double std = schedule.Std(0.5);  // the noise's standard deviation at t = 0.5
        Console.WriteLine($"{schedule.Name}: mu {mu:F4}, std {std:F4}");
        return (mu, std);
    }
}
