using System.CommandLine;
using Sintestesia.TenantCtl.Certificates;
using Sintestesia.TenantCtl.Configuration;
using Sintestesia.TenantCtl.Conversations;
using Sintestesia.TenantCtl.Database;
using Sintestesia.TenantCtl.Messages;
using Sintestesia.TenantCtl.Meta;
using Sintestesia.TenantCtl.Pools;
using Sintestesia.TenantCtl.Products;
using Sintestesia.TenantCtl.Secrets;
using Sintestesia.TenantCtl.Tenants;
using Sintestesia.TenantCtl.Twilio;

var root = new RootCommand("Ops CLI for Sintestesia: the tenant database (tenants, Twilio accounts, catalogs, messages, conversations, bot-host pools, secret keys) "
    + "and the running gateway's certificates.");
root.Options.Add(DatabaseConnection.Option);
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(TenantsCommand.Create());
root.Subcommands.Add(TwilioCommand.Create());
root.Subcommands.Add(MetaCommand.Create());
root.Subcommands.Add(ProductsCommand.Create());
root.Subcommands.Add(MessagesCommand.Create());
root.Subcommands.Add(ConversationsCommand.Create());
root.Subcommands.Add(PoolsCommand.Create());
root.Subcommands.Add(SecretsCommand.Create());
root.Subcommands.Add(CertsCommand.Create());

var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync();
return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
