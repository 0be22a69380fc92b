package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.connector.SamlSettings;
import io.ssobroker.platform.registry.RegistryContract;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the registry when the certificates of a metadata-URL connector expire, each time a fetch shows a new date,
 * so that the expiry radar watches them too (the registry does not read metadata). Best effort: the next login after
 * a failed report reports again.
 */
public final class CertificateExpiryReporter {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiryReporter.class);

  private final BusRequester bus;
  private final Map<UUID, LocalDate> reported = new ConcurrentHashMap<>();

  public CertificateExpiryReporter(BusRequester bus) {
    this.bus = bus;
  }

  void seen(UUID connectorId, SamlSettings saml, IdpMetadata idp) {
    if (saml.metadataUrl().isEmpty()) {
      return;
    }
    idp.lastCertificateExpiry().map(expiry -> LocalDate.ofInstant(expiry, ZoneOffset.UTC)).ifPresent(expiresOn -> {
      if (expiresOn.equals(reported.put(connectorId, expiresOn))) {
        return;
      }
      bus.request(RegistryContract.SAML_CERTIFICATES_SEEN, new JsonObject().put("connectorId", connectorId.toString())
              .put("certificatesExpireOn", expiresOn.toString()))
          .onFailure(failure -> {
            reported.remove(connectorId, expiresOn);
            LOG.warn("cannot tell the registry when connector {}'s certificates expire: {}", connectorId,
                failure.getMessage());
          });
    });
  }
}
