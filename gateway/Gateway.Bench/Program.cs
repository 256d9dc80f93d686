using Sintestesia.Gateway.Bench;

// Helpers for scripts/bench/gateway.sh; each command does one thing and prints plain lines for the script to read.
var (command, options) = BenchArgs.Parse(args);
try
{
    return command switch
    {
        "upstream" => await TrivialUpstream.RunAsync(options.Int("port")),
        "plain-yarp" => await PlainYarp.RunAsync(options.Int("port"), new Uri(options.Required("upstream")),
            options.Required("db"), options.Required("base-domain")),
        "tcp-splice" => await TcpSplice.RunAsync(options.Int("port"), new Uri(options.Required("upstream"))),
        "seed" => await TenantSeeder.SeedAsync(options.Required("db"), options.Int("tenants")),
        "nginx-map" => await TenantSeeder.PrintNginxMapAsync(options.Required("db"), options.Required("base-domain"), Console.Out),
        "routable" => await RoutableProbe.RunAsync(
            options.Optional("postgres") ?? options.Required("db"), options.Optional("postgres") is not null,
            new Uri(options.Required("gateway")), options.Required("base-domain"),
            options.Required("body-file"), options.Int("tries"), Console.Out),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Sintestesia.Gateway.Bench <command> [--name value]…
          upstream  --port P                      trivial upstream: 200 text/xml <Response/>, GET /healthz 200
          plain-yarp --port P --upstream URL --db FILE --base-domain D
                                                  YARP, one wildcard route, X-Tenant-Id from an in-memory Host table
          tcp-splice --port P --upstream URL      bytes copied both ways per connection pair: the floor of a .NET proxy
          seed      --db FILE --tenants N         adds tenants bench-000001… in one transaction (plain SQL)
          nginx-map --db FILE --base-domain D     prints nginx map lines "{slug}.D {id};" for active tenants
          routable  --db FILE | --postgres CONNECTION --gateway URL --base-domain D --body-file F --tries N
                                                  seconds until a tenant added by SQL stops answering 404
        """);
    return 2;
}
