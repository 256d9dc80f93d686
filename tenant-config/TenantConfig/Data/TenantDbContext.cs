using Microsoft.EntityFrameworkCore;

namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// The platform's database. Table and column names are the seed's, so an existing database and plain SQL
/// written against it keep working; everything added is nullable or has a default. This type carries the SQLite
/// migrations; <see cref="PostgresTenantDbContext"/> is the same model with the PostgreSQL ones.
/// </summary>
public class TenantDbContext : DbContext
{
    public TenantDbContext(DbContextOptions<TenantDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's subclass, whose type selects its migrations.</summary>
    protected TenantDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<TenantClient> Tenants => Set<TenantClient>();
    public DbSet<TwilioAccount> TwilioAccounts => Set<TwilioAccount>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<StoredMessage> Messages => Set<StoredMessage>();
    public DbSet<DirectoryVersion> DirectoryVersions => Set<DirectoryVersion>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<CatalogVersion> CatalogVersions => Set<CatalogVersion>();
    public DbSet<MetaAccount> MetaAccounts => Set<MetaAccount>();
    public DbSet<StoredCertificateRow> Certificates => Set<StoredCertificateRow>();
    public DbSet<BotPool> BotPools => Set<BotPool>();
    public DbSet<BotPoolDestination> BotPoolDestinations => Set<BotPoolDestination>();
    public DbSet<DirectoryChange> DirectoryChanges => Set<DirectoryChange>();
    public DbSet<AcmeChallengeRow> AcmeChallenges => Set<AcmeChallengeRow>();
    public DbSet<AcmeAccountRow> AcmeAccounts => Set<AcmeAccountRow>();
    public DbSet<RateLimitUsageRow> RateLimitUsage => Set<RateLimitUsageRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var postgres = Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        var now = postgres ? "now()" : "CURRENT_TIMESTAMP";

        modelBuilder.Entity<TenantClient>(e =>
        {
            e.ToTable("tenant_clients");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasColumnName("id").HasMaxLength(100);
            e.Property(t => t.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
            e.Property(t => t.Slug).HasColumnName("slug").HasMaxLength(63).IsRequired();
            e.HasIndex(t => t.Slug).IsUnique();
            e.Property(t => t.CreatedAt).HasColumnName("created_at").HasDefaultValueSql(now);
            e.Property(t => t.Status).HasColumnName("status").HasMaxLength(20).HasDefaultValue(TenantStatus.Active);
            e.Property(t => t.Currency).HasColumnName("currency").HasMaxLength(3).HasDefaultValue("CLP");
            e.Property(t => t.BusinessHours).HasColumnName("business_hours").HasMaxLength(200);
            e.Property(t => t.TimeZone).HasColumnName("time_zone").HasMaxLength(64);
            e.Property(t => t.LlmEnabled).HasColumnName("llm_enabled").HasDefaultValue(false);
            e.Property(t => t.LlmPersona).HasColumnName("llm_persona").HasMaxLength(2000);
            e.Property(t => t.RateLimitPerMinute).HasColumnName("rate_limit_per_minute");
            // No foreign key on purpose: SQLite would rebuild the seed's table (dropping its triggers) to add one, and a
            // shop whose pool is missing is simply served by the default pool.
            e.Property(t => t.BotPoolId).HasColumnName("bot_pool_id").HasMaxLength(63);
            e.HasMany(t => t.TwilioAccounts).WithOne().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TwilioAccount>(e =>
        {
            e.ToTable("twilio_accounts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasColumnName("id");
            e.Property(a => a.TenantId).HasColumnName("tenant_id").HasMaxLength(100);
            e.Property(a => a.AccountSid).HasColumnName("account_sid").HasMaxLength(64);
            e.Property(a => a.AuthTokenEnc).HasColumnName("auth_token_enc");
            e.Property(a => a.FromNumber).HasColumnName("from_number").HasMaxLength(32);
            e.Property(a => a.Status).HasColumnName("status").HasMaxLength(20).HasDefaultValue("active");
            e.Property(a => a.MessagingServiceSid).HasColumnName("messaging_service_sid").HasMaxLength(64);
            e.HasIndex(a => a.FromNumber);
            e.HasIndex(a => a.MessagingServiceSid);
        });

        modelBuilder.Entity<Product>(e =>
        {
            e.ToTable("products");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasColumnName("id").HasMaxLength(100);
            e.Property(p => p.Name).HasColumnName("name").HasMaxLength(300);
            e.Property(p => p.ClientId).HasColumnName("client_id").HasMaxLength(100);
            // NUMERIC affinity: plain SQL inserting 19990 and EF writing "19990" store the same number.
            e.Property(p => p.Price).HasColumnName("price").HasColumnType(postgres ? "numeric(14,2)" : "NUMERIC");
            e.Property(p => p.Stock).HasColumnName("stock").HasDefaultValue(0);
            e.Property(p => p.Status).HasColumnName("status").HasMaxLength(20).HasDefaultValue(ProductStatus.Active);
            e.Property(p => p.Category).HasColumnName("category").HasMaxLength(100);
            e.Property(p => p.Description).HasColumnName("description").HasMaxLength(2000);
            e.HasIndex(p => p.ClientId);
            e.HasOne<TenantClient>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StoredMessage>(e =>
        {
            e.ToTable("messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id");
            e.Property(m => m.TenantId).HasColumnName("tenant_id").HasMaxLength(100);
            e.Property(m => m.Direction).HasColumnName("direction").HasMaxLength(10);
            e.Property(m => m.Channel).HasColumnName("channel").HasMaxLength(20);
            e.Property(m => m.Phone).HasColumnName("phone").HasMaxLength(40);
            e.Property(m => m.Body).HasColumnName("body");
            e.Property(m => m.ProviderMessageId).HasColumnName("provider_message_id").HasMaxLength(100);
            e.Property(m => m.InReplyToId).HasColumnName("in_reply_to_id");
            e.Property(m => m.CreatedAt).HasColumnName("created_at").HasDefaultValueSql(now);
            e.Property(m => m.Status).HasColumnName("status").HasMaxLength(20);
            e.Property(m => m.Error).HasColumnName("error").HasMaxLength(1000);
            e.Property(m => m.Media).HasColumnName("media");
            e.Property(m => m.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(200);
            e.HasIndex(m => new { m.TenantId, m.IdempotencyKey }).IsUnique();
            e.HasIndex(m => new { m.TenantId, m.Id });
            e.HasIndex(m => m.InReplyToId);
            // One inbound row per provider message: the database, not a check-then-insert, keeps retries single.
            e.HasIndex(m => new { m.TenantId, m.Direction, m.ProviderMessageId }).IsUnique();
            e.HasOne<TenantClient>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Conversation>(e =>
        {
            e.ToTable("conversations");
            e.HasKey(c => new { c.TenantId, c.Phone });
            e.Property(c => c.TenantId).HasColumnName("tenant_id").HasMaxLength(100);
            e.Property(c => c.Phone).HasColumnName("phone").HasMaxLength(40);
            e.Property(c => c.State).HasColumnName("state");
            e.Property(c => c.UpdatedAt).HasColumnName("updated_at");
            e.Property(c => c.Handoff).HasColumnName("handoff").HasDefaultValue(false);
            e.Property(c => c.OptedOut).HasColumnName("opted_out").HasDefaultValue(false);
            e.HasOne<TenantClient>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MetaAccount>(e =>
        {
            e.ToTable("meta_accounts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasColumnName("id");
            e.Property(a => a.TenantId).HasColumnName("tenant_id").HasMaxLength(100);
            e.Property(a => a.PhoneNumberId).HasColumnName("phone_number_id").HasMaxLength(64);
            e.Property(a => a.DisplayPhoneNumber).HasColumnName("display_phone_number").HasMaxLength(32);
            e.Property(a => a.VerifyTokenEnc).HasColumnName("verify_token_enc");
            e.Property(a => a.AppSecretEnc).HasColumnName("app_secret_enc");
            e.Property(a => a.AccessTokenEnc).HasColumnName("access_token_enc");
            e.Property(a => a.Status).HasColumnName("status").HasMaxLength(20).HasDefaultValue("active");
            e.HasIndex(a => a.PhoneNumberId).IsUnique();
            e.HasOne<TenantClient>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CatalogVersion>(e =>
        {
            e.ToTable("catalog_versions");
            e.HasKey(v => v.TenantId);
            e.Property(v => v.TenantId).HasColumnName("tenant_id").HasMaxLength(100);
            e.Property(v => v.Version).HasColumnName("version");
        });

        modelBuilder.Entity<StoredCertificateRow>(e =>
        {
            e.ToTable("certificates");
            e.HasKey(c => c.Name);
            // A host name is at most 253 characters; two more for a "*." prefix.
            e.Property(c => c.Name).HasColumnName("name").HasMaxLength(255);
            e.Property(c => c.ChainPem).HasColumnName("chain_pem");
            e.Property(c => c.KeyPemEnc).HasColumnName("key_pem_enc");
            e.Property(c => c.NotAfter).HasColumnName("not_after");
            e.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<BotPool>(e =>
        {
            e.ToTable("bot_pools");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasColumnName("id").HasMaxLength(63);
            e.Property(p => p.CreatedAt).HasColumnName("created_at").HasDefaultValueSql(now);
            e.HasMany(p => p.Destinations).WithOne().HasForeignKey(d => d.PoolId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<BotPoolDestination>(e =>
        {
            e.ToTable("bot_pool_destinations");
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).HasColumnName("id");
            e.Property(d => d.PoolId).HasColumnName("pool_id").HasMaxLength(63);
            e.Property(d => d.Address).HasColumnName("address").HasMaxLength(500);
            e.HasIndex(d => new { d.PoolId, d.Address }).IsUnique();
        });

        modelBuilder.Entity<DirectoryChange>(e =>
        {
            e.ToTable("tenant_directory_changes");
            e.HasKey(c => new { c.Version, c.TenantId });
            e.Property(c => c.Version).HasColumnName("version");
            e.Property(c => c.TenantId).HasColumnName("tenant_id").HasMaxLength(100);
        });

        modelBuilder.Entity<AcmeChallengeRow>(e =>
        {
            e.ToTable("acme_challenges");
            e.HasKey(c => new { c.Kind, c.Name });
            e.Property(c => c.Kind).HasColumnName("kind").HasMaxLength(20);
            e.Property(c => c.Name).HasColumnName("name").HasMaxLength(255);
            e.Property(c => c.KeyAuthorization).HasColumnName("key_authorization").HasMaxLength(500);
            e.Property(c => c.CreatedAt).HasColumnName("created_at").HasDefaultValueSql(now);
        });

        modelBuilder.Entity<AcmeAccountRow>(e =>
        {
            e.ToTable("acme_accounts");
            e.HasKey(a => a.DirectoryUrl);
            e.Property(a => a.DirectoryUrl).HasColumnName("directory_url").HasMaxLength(500);
            e.Property(a => a.KeyPemEnc).HasColumnName("key_pem_enc");
            e.Property(a => a.CreatedAt).HasColumnName("created_at").HasDefaultValueSql(now);
        });

        modelBuilder.Entity<RateLimitUsageRow>(e =>
        {
            e.ToTable("rate_limit_usage");
            e.HasKey(u => new { u.TenantId, u.WindowMinute, u.GatewayId });
            e.Property(u => u.TenantId).HasColumnName("tenant_id").HasMaxLength(100);
            e.Property(u => u.WindowMinute).HasColumnName("window_minute");
            e.Property(u => u.GatewayId).HasColumnName("gateway_id").HasMaxLength(100);
            e.Property(u => u.Count).HasColumnName("count");
            e.HasIndex(u => u.WindowMinute);
        });

        modelBuilder.Entity<DirectoryVersion>(e =>
        {
            e.ToTable("tenant_directory_version");
            e.HasKey(v => v.Id);
            e.Property(v => v.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(v => v.Version).HasColumnName("version");
            e.HasData(new DirectoryVersion { Id = 1, Version = 0 });
        });
    }
}
