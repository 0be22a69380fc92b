package io.ssobroker.audit.ocsf;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** This product as OCSF names it in {@code metadata.product}; the version is the build's, filled in by Maven. */
public record OcsfProduct(String name, String vendorName, String version) {

  public static OcsfProduct ofThisBuild() {
    Properties properties = new Properties();
    try (InputStream in = OcsfProduct.class.getResourceAsStream("product.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
    return new OcsfProduct("SSO broker", "ssobroker", properties.getProperty("version", "unknown"));
  }

  JsonObject toJson() {
    return new JsonObject().put("name", name).put("vendor_name", vendorName).put("version", version);
  }
}
