using Smoothie.Samples.Quickstart;

return QuickstartSample.Run(args, Console.Out);
