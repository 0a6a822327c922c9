return await Ursa.Cli.UrsaCli.RunAsync(args).ConfigureAwait(false);
