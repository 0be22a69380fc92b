package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.internal.idp.IdpCallFailed;
import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.platform.SharedFutures;
import io.ssobroker.platform.connector.SamlSettings;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IdP of each SAML connector, parsed once per connector description (on the {@link SamlWorkQueue}, never on an
 * event loop). Metadata from a {@code metadataUrl} is fetched through the edge's bounded IdP client and fetched again
 * once it is older than the refresh period, while the copy in hand keeps serving logins; a refresh that fails keeps
 * the last good copy and is tried again after a short pause. A first fetch that fails is not kept, so the next login
 * tries again.
 */
public final class IdpMetadataCache {

  public static final Duration DEFAULT_REFRESH = Duration.ofHours(1);
  private static final Duration RETRY_AFTER_FAILED_REFRESH = Duration.ofMinutes(1);
  private static final String METADATA_ACCEPT = "application/samlmetadata+xml, application/xml;q=0.9, */*;q=0.8";
  private static final Logger LOG = LoggerFactory.getLogger(IdpMetadataCache.class);

  /** A copy of the metadata, or its first load in flight, and when it is due for a refresh. */
  private record Entry(Future<IdpMetadata> metadata, Instant refreshAt, AtomicBoolean refreshing) {
    Entry(Future<IdpMetadata> metadata, Instant refreshAt) {
      this(metadata, refreshAt, new AtomicBoolean());
    }
  }

  private final IdpHttp http;
  private final SamlWorkQueue queue;
  private final Clock clock;
  private final Duration refresh;
  private final Map<SamlSettings, Entry> entries = new ConcurrentHashMap<>();

  public IdpMetadataCache(IdpHttp http, SamlWorkQueue queue, Clock clock, Duration refresh) {
    this.http = http;
    this.queue = queue;
    this.clock = clock;
    this.refresh = refresh;
  }

  /**
   * The IdP this connector describes. Fails with {@link IdpCallFailed} when the metadata URL cannot be fetched, with
   * {@link InvalidMetadata} when the description cannot be used, or with {@link SamlWorkQueue.Full}.
   */
  public Future<IdpMetadata> metadata(SamlSettings settings) {
    Instant now = clock.instant();
    Entry entry = entries.get(settings);
    if (entry == null) {
      Entry loading = new Entry(load(settings), now.plus(refresh));
      entry = entries.putIfAbsent(settings, loading);
      if (entry == null) {
        entry = loading;
        loading.metadata().onFailure(failed -> entries.remove(settings, loading));
      }
    } else if (settings.metadataUrl().isPresent() && entry.metadata().succeeded() && !now.isBefore(entry.refreshAt())) {
      refresh(settings, entry);
    }
    return SharedFutures.forCaller(entry.metadata());
  }

  private Future<IdpMetadata> load(SamlSettings settings) {
    if (settings.metadataUrl().isPresent()) {
      return fetch(URI.create(settings.metadataUrl().get()));
    }
    return queue.submit(() -> IdpMetadataParser.fromSettings(settings));
  }

  private void refresh(SamlSettings settings, Entry stale) {
    if (!stale.refreshing().compareAndSet(false, true)) {
      return;
    }
    fetch(URI.create(settings.metadataUrl().get())).onComplete(fetched -> {
      Instant now = clock.instant();
      if (fetched.succeeded()) {
        entries.replace(settings, stale, new Entry(Future.succeededFuture(fetched.result()), now.plus(refresh)));
      } else {
        LOG.warn("cannot refresh the SAML metadata of {}, keeping the last good copy: {}",
            settings.metadataUrl().get(), fetched.cause().getMessage());
        entries.replace(settings, stale, new Entry(stale.metadata(), now.plus(RETRY_AFTER_FAILED_REFRESH)));
      }
    });
  }

  private Future<IdpMetadata> fetch(URI url) {
    return http.get(url, METADATA_ACCEPT, IdpMetadataParser.MAX_METADATA_BYTES).compose(response -> response.status() == 200
        ? queue.submit(() -> IdpMetadataParser.parse(response.body().getBytes()))
        : Future.failedFuture(new InvalidMetadata("the metadata URL answered HTTP " + response.status())));
  }
}
