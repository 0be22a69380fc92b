package io.ssobroker.app.cluster;

import io.ssobroker.platform.config.ClusterSettings;
import io.vertx.core.Future;
import io.vertx.core.VertxBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;

/**
 * A Vert.x whose event bus spans the fleet: Infinispan keeps the membership and the map of which process serves which
 * address (over {@link MembershipChannel}), and the event bus connects processes directly over mutual TLS with the same
 * certificates. A request to an address that several processes serve goes to each of them in turn.
 */
public final class FleetVertx {

  private static final String DEFAULT_CACHE = "distributed-cache";

  private FleetVertx() {}

  /** Joins the fleet; fails if the TLS files or the membership cannot be set up. Blocks: call it off any event loop. */
  public static Future<Vertx> join(VertxBuilder builder, io.vertx.core.VertxOptions options, ClusterSettings settings)
      throws Exception {
    ClusterSettings.Tls tls = settings.tls().orElseThrow();
    DefaultCacheManager caches = caches(settings, MembershipChannel.create(settings, PemTls.context(tls)));
    options.setEventBusOptions(new EventBusOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setClusterPublicHost(settings.publicHost())
        .setClusterPublicPort(settings.port())
        .setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setKeyPath(tls.keyFile().toString())
            .setCertPath(tls.certFile().toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(tls.trustFile().toString())));
    return builder.with(options).withClusterManager(new MergeHealingClusterManager(caches)).buildClustered();
  }

  /** The caches vertx-infinispan expects (as in its default-infinispan.xml), on our own channel. */
  private static DefaultCacheManager caches(ClusterSettings settings, org.jgroups.JChannel channel) {
    ConfigurationBuilderHolder holder = new ConfigurationBuilderHolder();
    GlobalConfigurationBuilder global = holder.getGlobalConfigurationBuilder().clusteredDefault();
    global.defaultCacheName(DEFAULT_CACHE);
    global.transport().clusterName(settings.name()).nodeName(settings.publicHost() + ":" + settings.port())
        .transport(new JGroupsTransport(channel));
    global.jmx().enabled(false);
    holder.newConfigurationBuilder(DEFAULT_CACHE).clustering().cacheMode(CacheMode.DIST_SYNC);
    for (String name : new String[] {"__vertx.subs", "__vertx.haInfo", "__vertx.nodeInfo"}) {
      holder.newConfigurationBuilder(name).clustering().cacheMode(CacheMode.REPL_SYNC);
    }
    holder.newConfigurationBuilder("__vertx.distributed.cache.configuration").template(true)
        .clustering().cacheMode(CacheMode.DIST_SYNC);
    return new DefaultCacheManager(holder, true);
  }
}
