using Smoothie.Samples.Ablation;

return AblationSample.Run(args, Console.Out);
