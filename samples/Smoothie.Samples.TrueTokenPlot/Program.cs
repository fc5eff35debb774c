using Smoothie.Samples.TrueTokenPlot;

return TrueTokenPlotSample.Run(args, Console.Out);
