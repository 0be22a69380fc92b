package io.ssobroker.edge.internal.login;

import io.ssobroker.platform.SharedFutures;
import io.ssobroker.platform.bus.AnswerCache;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.OrgSummary;
import io.ssobroker.platform.registry.RegistryClient;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The registry's answers, kept for a short while so that a login does not cost a registry round trip, and shared
 * while in flight. Answers are at most {@link #FRESHNESS} old, so a change reaches every edge within that time.
 */
public final class CachedRegistry {

  static final Duration FRESHNESS = Duration.ofSeconds(1);
  private static final int MAX_ENTRIES = 10_000;

  private final RegistryClient registry;
  private final AnswerCache<Future<?>> answers;

  public CachedRegistry(RegistryClient registry, Clock clock) {
    this.registry = registry;
    this.answers = new AnswerCache<>(FRESHNESS, MAX_ENTRIES, clock);
  }

  public Future<Optional<ConnectorDescriptor>> activeConnectorForDomain(String domain) {
    return cached("domain:" + domain, () -> registry.activeConnectorForDomain(domain));
  }

  public Future<Optional<ConnectorDescriptor>> testingConnectorForTester(String domain, String email) {
    return cached("testing:" + domain + ":" + email, () -> registry.testingConnectorForTester(domain, email));
  }

  public Future<Optional<ConnectorDescriptor>> connectorById(UUID id) {
    return cached("id:" + id, () -> registry.connectorById(id));
  }

  public Future<List<ConnectorDescriptor>> activeConnectorsForOrg(String org) {
    return cached("org-connectors:" + org, () -> registry.activeConnectorsForOrg(org));
  }

  public Future<Optional<ClientDescriptor>> clientById(String clientId) {
    return cached("client:" + clientId, () -> registry.clientById(clientId));
  }

  public Future<Optional<OrgSummary>> org(String slug) {
    return cached("org:" + slug, () -> registry.orgBySlug(slug));
  }

  /** Forgets everything, so the next requests ask the registry again. */
  public void invalidateAll() {
    answers.clear();
  }

  /** The answer in hand or in flight, unless it failed; a question is kept from the moment it is asked. */
  @SuppressWarnings("unchecked")
  private <T> Future<T> cached(String key, Supplier<Future<T>> fetch) {
    Optional<Future<?>> known = answers.get(key).filter(answer -> !answer.failed());
    if (known.isPresent()) {
      return SharedFutures.forCaller((Future<T>) known.get());
    }
    long generation = answers.generation();
    Future<T> answer = fetch.get();
    answers.put(key, answer, generation, Optional.empty());
    return SharedFutures.forCaller(answer);
  }
}
