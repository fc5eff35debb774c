using Smoothie.Cli;

return await CliApplication.Build().Parse(args).InvokeAsync();
