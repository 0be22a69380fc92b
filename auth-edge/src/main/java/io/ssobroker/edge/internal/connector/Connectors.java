package io.ssobroker.edge.internal.connector;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.connector.ConnectorSettings;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connectors of this edge: each opened once per version of its description (settings parsed and validated once)
 * by the factory of its kind, then kept while that version is the registry's answer. A description that no longer
 * validates opens nothing: the login fails with {@link LoginReason#CONNECTOR_INVALID}.
 */
public final class Connectors {

  private static final int MAX_OPEN = 10_000;

  private final Map<ConnectorKind, ConnectorFactory<?>> factories = new EnumMap<>(ConnectorKind.class);
  private final Map<ConnectorDescriptor, Connector> open = new ConcurrentHashMap<>();

  /** One factory for every kind. */
  public Connectors(List<ConnectorFactory<?>> kinds) {
    for (ConnectorFactory<?> factory : kinds) {
      if (factories.put(factory.kind(), factory) != null) {
        throw new IllegalArgumentException("two factories for " + factory.kind());
      }
    }
    for (ConnectorKind kind : ConnectorKind.values()) {
      if (!factories.containsKey(kind)) {
        throw new IllegalArgumentException("no factory for " + kind);
      }
    }
  }

  /** The connector this description opens; throws a {@link LoginFailure} when it does not validate. */
  public Connector open(ConnectorDescriptor descriptor) {
    Connector known = open.get(descriptor);
    if (known != null) {
      return known;
    }
    Connector opened;
    try {
      opened = open(factories.get(descriptor.kind()), descriptor);
    } catch (DefinitionException invalid) {
      throw LoginFailure.of(LoginReason.CONNECTOR_INVALID, invalid);
    }
    if (open.size() >= MAX_OPEN) {
      open.clear();
    }
    open.put(descriptor, opened);
    return opened;
  }

  private static <S extends ConnectorSettings> Connector open(ConnectorFactory<S> factory, ConnectorDescriptor descriptor) {
    return factory.open(descriptor, factory.settingsType().cast(descriptor.settings()));
  }
}
