using Sintestesia.Gateway;

await GatewayApp.Build(args).RunAsync();
