package io.ssobroker.app.cluster;

import io.vertx.core.Completable;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.ext.cluster.infinispan.InfinispanClusterManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachemanagerlistener.annotation.Merged;
import org.infinispan.notifications.cachemanagerlistener.event.MergeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infinispan's cluster manager, plus what it does not do after a merge: when two partitions of the fleet merge (a
 * process that started before it found the others, or a network split that healed), the replicated maps keep one
 * partition's entries, and the other partition's processes lose their addresses and node information: nobody could
 * send to them again until they restart. This manager remembers what this process registered and registers it again
 * after every merge, once the merged maps have settled.
 */
final class MergeHealingClusterManager implements ClusterManager {

  private static final Logger LOG = LoggerFactory.getLogger(MergeHealingClusterManager.class);
  /** After a merge, Infinispan resolves the maps' conflicts; what is written before that may be dropped again. */
  private static final long[] REPUBLISH_AFTER_MILLIS = {1_000, 5_000};

  private final InfinispanClusterManager delegate;
  private final DefaultCacheManager caches;
  private final Map<String, Set<RegistrationInfo>> own = new ConcurrentHashMap<>();
  private volatile NodeInfo nodeInfo;
  private volatile Vertx vertx;

  MergeHealingClusterManager(DefaultCacheManager caches) {
    this.caches = caches;
    this.delegate = new InfinispanClusterManager(caches);
  }

  @Override
  public void init(Vertx vertx) {
    this.vertx = vertx;
    delegate.init(vertx);
  }

  @Override
  public void join(Completable<Void> promise) {
    delegate.join((joined, failure) -> {
      if (failure == null) {
        caches.addListener(new MergeListener());
      }
      promise.complete(joined, failure);
    });
  }

  @Override
  public void setNodeInfo(NodeInfo nodeInfo, Completable<Void> promise) {
    this.nodeInfo = nodeInfo;
    delegate.setNodeInfo(nodeInfo, promise);
  }

  @Override
  public void addRegistration(String address, RegistrationInfo registrationInfo, Completable<Void> promise) {
    own.computeIfAbsent(address, any -> ConcurrentHashMap.newKeySet()).add(registrationInfo);
    delegate.addRegistration(address, registrationInfo, promise);
  }

  @Override
  public void removeRegistration(String address, RegistrationInfo registrationInfo, Completable<Void> promise) {
    own.computeIfPresent(address, (any, registrations) -> {
      registrations.remove(registrationInfo);
      return registrations.isEmpty() ? null : registrations;
    });
    delegate.removeRegistration(address, registrationInfo, promise);
  }

  private void republish() {
    NodeInfo info = nodeInfo;
    if (info != null) {
      delegate.setNodeInfo(info, Promise.promise());
    }
    own.forEach((address, registrations) -> registrations.forEach(registration ->
        delegate.addRegistration(address, registration, (done, failure) -> {
          if (failure != null) {
            LOG.warn("after a merge of the fleet, {} could not be registered again: {}", address, failure.getMessage());
          }
        })));
    LOG.info("after a merge of the fleet: this process's node information and {} registrations published again",
        own.values().stream().mapToInt(Set::size).sum());
  }

  /** Infinispan calls it on its own thread; the republication runs on Vert.x timers. */
  @Listener(sync = false)
  public final class MergeListener {

    @Merged
    public void merged(MergeEvent event) {
      LOG.warn("the fleet's partitions merged ({} subgroups): publishing this process's addresses again",
          event.getSubgroupsMerged().size());
      Vertx current = vertx;
      if (current != null) {
        for (long delay : REPUBLISH_AFTER_MILLIS) {
          current.setTimer(delay, timer -> republish());
        }
      }
    }
  }

  @Override
  public <K, V> void getAsyncMap(String name, Completable<AsyncMap<K, V>> promise) {
    delegate.getAsyncMap(name, promise);
  }

  @Override
  public <K, V> Map<K, V> getSyncMap(String name) {
    return delegate.getSyncMap(name);
  }

  @Override
  public void getLockWithTimeout(String name, long timeout, Completable<Lock> promise) {
    delegate.getLockWithTimeout(name, timeout, promise);
  }

  @Override
  public void getCounter(String name, Completable<Counter> promise) {
    delegate.getCounter(name, promise);
  }

  @Override
  public void nodeListener(NodeListener listener) {
    delegate.nodeListener(listener);
  }

  @Override
  public void leave(Completable<Void> promise) {
    delegate.leave(promise);
  }

  @Override
  public boolean isActive() {
    return delegate.isActive();
  }

  @Override
  public void registrationListener(RegistrationListener listener) {
    delegate.registrationListener(listener);
  }

  @Override
  public String getNodeId() {
    return delegate.getNodeId();
  }

  @Override
  public void getRegistrations(String address, Completable<List<RegistrationInfo>> promise) {
    delegate.getRegistrations(address, promise);
  }

  @Override
  public NodeInfo getNodeInfo() {
    return delegate.getNodeInfo();
  }

  @Override
  public void getNodeInfo(String nodeId, Completable<NodeInfo> promise) {
    delegate.getNodeInfo(nodeId, promise);
  }

  @Override
  public List<String> getNodes() {
    return delegate.getNodes();
  }

  @Override
  public String clusterHost() {
    return delegate.clusterHost();
  }

  @Override
  public String clusterPublicHost() {
    return delegate.clusterPublicHost();
  }
}
