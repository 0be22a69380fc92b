package io.ssobroker.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.db.DatabaseSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one login costs each part of a fleet, for docs/operations.md: the fleet of FleetIT (PostgreSQL, Kafka in its
 * own JVM, HAProxy, two edges, registry, directory and audit log each in its own process) under a closed loop of
 * logins, with CPU per login of every process from /proc (net of what each uses at rest over the same time: the
 * balancer's health checks and the readiness checks), PostgreSQL statements (pg_stat_statements), transactions and
 * WAL bytes per login, and Kafka bytes per login. A benchmark, not a test: it is run by name and asserts only that
 * the logins succeeded.
 *
 * <pre>
 *   cd infra/app && mvn verify -Dit.test=FleetCapacityBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dfleet.logins=3000 -Dfleet.concurrency=16
 * </pre>
 */
class FleetCapacityBenchmark {

  private static final Duration AT_REST = Duration.ofSeconds(20);

  @TempDir
  Path work;

  @Test
  void costPerLoginOfEveryProcess() throws Exception {
    int logins = Integer.getInteger("fleet.logins", 3000);
    int concurrency = Integer.getInteger("fleet.concurrency", 16);
    MockOAuth2Server idp = new MockOAuth2Server(OAuth2Config.Companion.fromJson("""
        {"interactiveLogin": false, "tokenCallbacks": [{"issuerId": "acme", "tokenExpiry": 300,
          "requestMappings": [{"requestParam": "grant_type", "match": "*",
            "claims": {"sub": "alice-subject", "email": "alice@acme.com", "email_verified": true,
                       "name": "Alice", "aud": ["acme-client"]}}]}]}
        """));
    idp.start(InetAddress.getByName("127.0.0.1"), 0);
    Path connectors = Files.writeString(work.resolve("connectors.json"), """
        {"acme": [{"id": "6f0c1c36-1d7e-4d43-9a43-2f1c6a3e9b01", "kind": "oidc", "displayName": "Acme SSO",
                   "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "http://127.0.0.1:%d/acme/.well-known/openid-configuration",
                                  "clientId": "acme-client", "clientSecret": "acme-secret"}}]}
        """.formatted(idp.baseUrl().port()));
    Path users = Files.writeString(work.resolve("users.jsonl"),
        "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\"}\n");
    try (Fleet fleet = Fleet.start(work, Map.of("shared_preload_libraries", "pg_stat_statements",
        "pg_stat_statements.track", "all"))) {
      fleet.plan("registry", "directory", "audit", "edge-1", "edge-2");
      fleet.node("registry", "connector-registry", List.of("--connectors-file", connectors.toString()), Map.of())
          .start();
      fleet.node("directory", "user-directory", List.of("--users-file", users.toString()), Map.of()).start();
      fleet.node("audit", "audit-log", List.of(), Map.of()).start();
      fleet.node("edge-1", "auth-edge", List.of("--login-rate-limit", "0"), Map.of()).start();
      fleet.node("edge-2", "auth-edge", List.of("--login-rate-limit", "0"), Map.of()).start();
      for (FleetNode node : fleet.nodes()) {
        node.awaitReady(Duration.ofSeconds(60));
      }
      fleet.startLoadBalancer();
      fleet.awaitServing(Duration.ofSeconds(30));

      LoginLoad warmup = LoginLoad.start(fleet.publicBaseUrl(), concurrency);
      warmup.awaitSucceeded(Math.max(500, logins / 3), Duration.ofMinutes(10));
      warmup.stop();

      try (Connection sql = connect(fleet.database())) {
        execute(sql, "create extension if not exists pg_stat_statements");
        Reading rest = Reading.take(fleet, sql, work);
        Thread.sleep(AT_REST.toMillis());
        Reading rested = Reading.take(fleet, sql, work);

        Reading start = Reading.take(fleet, sql, work);
        execute(sql, "select pg_stat_statements_reset()");
        LoginLoad load = LoginLoad.start(fleet.publicBaseUrl(), concurrency);
        load.awaitSucceeded(logins, Duration.ofMinutes(20));
        List<LoginLoad.Attempt> attempts = load.stop();
        Reading end = Reading.take(fleet, sql, work);
        long succeeded = attempts.stream().filter(LoginLoad.Attempt::succeeded).count();
        assertThat(succeeded).as("logins that succeeded").isEqualTo(attempts.size());

        report(rest, rested, start, end, succeeded, concurrency, statements(sql));
      }
    } finally {
      idp.shutdown();
    }
  }

  private static void report(Reading rest, Reading rested, Reading start, Reading end, long logins, int concurrency,
      List<String> topStatements) {
    double seconds = Duration.between(start.at, end.at).toMillis() / 1000.0;
    double restSeconds = Duration.between(rest.at, rested.at).toMillis() / 1000.0;
    System.out.printf("%nfleet capacity: %d logins in %.1f s (%.0f logins/s, %d browsers through HAProxy)%n", logins,
        seconds, logins / seconds, concurrency);
    System.out.println("  CPU per login (ms), net of each process's use at rest over the same time:");
    double total = 0;
    for (String process : start.cpuMillis.keySet()) {
      double used = end.cpuMillis.get(process) - start.cpuMillis.get(process);
      double atRest = (rested.cpuMillis.get(process) - rest.cpuMillis.get(process)) / restSeconds * seconds;
      double perLogin = Math.max(0, used - atRest) / logins;
      total += perLogin;
      System.out.printf("    %-12s %7.3f   (gross %7.3f, at rest %5.1f ms/s)%n", process, perLogin, used / logins,
          (rested.cpuMillis.get(process) - rest.cpuMillis.get(process)) / restSeconds);
    }
    System.out.printf("    %-12s %7.3f%n", "all", total);
    System.out.printf("  PostgreSQL per login: %.2f statements, %.2f transactions, %.0f WAL bytes%n",
        (double) end.statements / logins, (double) (end.transactions - start.transactions) / logins,
        (double) (end.walBytes - start.walBytes) / logins);
    System.out.printf("  Kafka per login: %.0f bytes appended to the audit topic's log%n",
        (double) (end.kafkaBytes - start.kafkaBytes) / logins);
    System.out.println("  statements per login (calls / logins), the most frequent:");
    topStatements.forEach(line -> System.out.println("    " + line.replace("%LOGINS%", String.valueOf(logins))));
  }

  private static List<String> statements(Connection sql) throws Exception {
    try (Statement statement = sql.createStatement(); ResultSet rows = statement.executeQuery("""
        select calls, regexp_replace(left(query, 110), '\\s+', ' ', 'g') from pg_stat_statements
         where query not like '%pg_stat%' and query not like '%pg_current_wal%' and query not like '%pg_database%'
           and query <> 'select 1'
         order by calls desc limit 25""")) {
      List<String> lines = new java.util.ArrayList<>();
      while (rows.next()) {
        lines.add(rows.getLong(1) + " / %LOGINS%: " + rows.getString(2));
      }
      return lines;
    }
  }

  private static Connection connect(DatabaseSettings database) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://" + database.host() + ":" + database.port() + "/"
        + database.database(), database.user(), "");
  }

  private static void execute(Connection sql, String statement) throws Exception {
    try (Statement run = sql.createStatement()) {
      run.execute(statement);
    }
  }

  /** What every process has used so far, and what PostgreSQL and Kafka have written. */
  private record Reading(Instant at, Map<String, Double> cpuMillis, long statements, long transactions,
      long walBytes, long kafkaBytes) {

    static Reading take(Fleet fleet, Connection sql, Path work) throws Exception {
      Map<String, Double> cpu = new LinkedHashMap<>();
      for (FleetNode node : fleet.nodes()) {
        cpu.put(node.name, cpuMillis(Stream.of(node.handle())));
      }
      String postgresDirectory = fleet.postgresDataDirectory().toAbsolutePath().normalize().toString();
      cpu.put("postgresql", cpuMillis(ProcessHandle.allProcesses()
          .filter(process -> process.info().commandLine().map(line -> line.contains("postgres")
              && line.contains(postgresDirectory)).orElse(false))
          .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))));
      cpu.put("kafka", cpuMillis(Stream.of(fleet.kafkaProcess())));
      cpu.put("haproxy", cpuMillis(Stream.of(fleet.loadBalancerProcess())));
      long statements;
      long transactions;
      long wal;
      try (Statement statement = sql.createStatement()) {
        try (ResultSet rows = statement.executeQuery("select coalesce(sum(calls), 0) from pg_stat_statements "
            + "where query not like '%pg_stat%' and query not like '%pg_current_wal%' "
            + "and query not like '%pg_database%' and query <> 'select 1'")) {
          rows.next();
          statements = rows.getLong(1);
        }
        try (ResultSet rows = statement.executeQuery("select sum(xact_commit + xact_rollback) from pg_stat_database")) {
          rows.next();
          transactions = rows.getLong(1);
        }
        try (ResultSet rows = statement.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')")) {
          rows.next();
          wal = rows.getLong(1);
        }
      }
      return new Reading(Instant.now(), cpu, statements, transactions, wal, kafkaBytes(work.resolve("kafka")));
    }

    private static double cpuMillis(Stream<ProcessHandle> processes) {
      return processes.map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
          .reduce(Duration.ZERO, Duration::plus).toNanos() / 1e6;
    }

    private static long kafkaBytes(Path kafka) throws IOException {
      try (Stream<Path> files = Files.walk(kafka)) {
        return files.filter(file -> file.getFileName().toString().endsWith(".log")
                && file.getParent().getFileName().toString().startsWith(Fleet.AUDIT_TOPIC + "-"))
            .mapToLong(file -> file.toFile().length()).sum();
      }
    }
  }
}
