package io.ssobroker.audit.ocsf;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.connector.ConnectorKind;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Renders login outcomes as OCSF Authentication events (class 3002, schema {@value #SCHEMA_VERSION}) for SIEMs.
 * {@code login.succeeded} and {@code login.failed} are Logon, {@code logout} is Logoff; {@code login.started} is not
 * rendered, since it is not an authentication outcome (it would count each logon twice in a SIEM).
 */
public final class OcsfAuthentication {

  public static final String SCHEMA_VERSION = "1.3.0";
  static final int CLASS_UID = 3002;
  static final int CATEGORY_UID = 3;
  private static final int LOGON = 1;
  private static final int LOGOFF = 2;
  private static final int SEVERITY_INFORMATIONAL = 1;
  private static final int SEVERITY_LOW = 2;
  private static final int STATUS_SUCCESS = 1;
  private static final int STATUS_FAILURE = 2;
  private static final int PROTOCOL_UNKNOWN = 0;
  private static final int PROTOCOL_OPENID = 4;
  private static final int PROTOCOL_SAML = 5;
  private static final int USER_TYPE_USER = 1;

  private final OcsfProduct product;
  private final String brokerHost;

  /** @param brokerHost the host name of the broker's public URL: where users authenticate */
  public OcsfAuthentication(OcsfProduct product, String brokerHost) {
    this.product = product;
    this.brokerHost = brokerHost;
  }

  public static boolean renders(String type) {
    return type.equals(AuditEvent.LOGIN_SUCCEEDED) || type.equals(AuditEvent.LOGIN_FAILED)
        || type.equals(AuditEvent.LOGOUT);
  }

  public Optional<JsonObject> render(AuditEvent event) {
    if (!renders(event.type())) {
      return Optional.empty();
    }
    boolean logoff = event.type().equals(AuditEvent.LOGOUT);
    boolean failed = event.type().equals(AuditEvent.LOGIN_FAILED);
    int activity = logoff ? LOGOFF : LOGON;
    String activityName = logoff ? "Logoff" : "Logon";
    JsonObject ocsf = new JsonObject()
        .put("class_uid", CLASS_UID)
        .put("class_name", "Authentication")
        .put("category_uid", CATEGORY_UID)
        .put("category_name", "Identity & Access Management")
        .put("activity_id", activity)
        .put("activity_name", activityName)
        .put("type_uid", (long) CLASS_UID * 100 + activity)
        .put("type_name", "Authentication: " + activityName)
        .put("time", event.time().toEpochMilli())
        .put("timezone_offset", 0)
        .put("severity_id", failed ? SEVERITY_LOW : SEVERITY_INFORMATIONAL)
        .put("severity", failed ? "Low" : "Informational")
        .put("status_id", failed ? STATUS_FAILURE : STATUS_SUCCESS)
        .put("status", failed ? "Failure" : "Success")
        .put("message", message(event))
        .put("user", user(event))
        .put("is_remote", true)
        .put("service", new JsonObject().put("name", product.name()))
        .put("dst_endpoint", new JsonObject().put("hostname", brokerHost).put("svc_name", product.name()))
        .put("metadata", metadata(event))
        .put("unmapped", unmapped(event));
    if (failed) {
      ocsf.put("status_code", event.category().orElse(null))
          .put("status_detail", event.category().orElse("UNKNOWN") + ": " + event.reason().orElse("unknown"));
    }
    protocol(ocsf, event.connectorKind());
    event.ip().ifPresent(ip -> ocsf.put("src_endpoint", new JsonObject().put("ip", ip)));
    event.userAgent().ifPresent(agent -> ocsf.put("http_request", new JsonObject().put("user_agent", agent)));
    return Optional.of(withoutNulls(ocsf));
  }

  private static String message(AuditEvent event) {
    return switch (event.type()) {
      case AuditEvent.LOGIN_SUCCEEDED -> "Login succeeded";
      case AuditEvent.LOGOUT -> "Logout";
      default -> "Login failed: " + event.category().orElse("UNKNOWN") + " (" + event.reason().orElse("unknown") + ")";
    };
  }

  /** OCSF wants at least one of name, uid and account: the email as name, else "unknown" (e.g. a forged state). */
  private static JsonObject user(AuditEvent event) {
    JsonObject user = new JsonObject()
        .put("type_id", USER_TYPE_USER)
        .put("type", "User")
        .put("name", event.email().orElse("unknown"))
        .put("uid", event.userId().orElse(null))
        .put("uid_alt", event.subject().orElse(null));
    event.email().flatMap(EmailAddress::parse).ifPresent(email -> user.put("email_addr", email.value()));
    return user;
  }

  private JsonObject metadata(AuditEvent event) {
    return new JsonObject()
        .put("version", SCHEMA_VERSION)
        .put("product", product.toJson())
        .put("uid", event.id().toString())
        .put("correlation_uid", event.correlationId().orElse(null))
        .put("tenant_uid", event.org().orElse(null))
        .put("original_time", event.time().toString());
  }

  private static JsonObject unmapped(AuditEvent event) {
    return new JsonObject()
        .put("schemaVersion", AuditEvent.SCHEMA_VERSION)
        .put("type", event.type())
        .put("org", event.org().orElse(null))
        .put("connectorId", event.connectorId().orElse(null))
        .put("connectorKind", event.connectorKind().orElse(null))
        .put("category", event.category().orElse(null))
        .put("reason", event.reason().orElse(null));
  }

  private static void protocol(JsonObject ocsf, Optional<String> connectorKind) {
    Optional<ConnectorKind> kind = connectorKind.flatMap(ConnectorKind::parse);
    if (kind.isEmpty()) {
      ocsf.put("auth_protocol_id", PROTOCOL_UNKNOWN).put("auth_protocol", "Unknown");
    } else if (kind.get().isOidc()) {
      ocsf.put("auth_protocol_id", PROTOCOL_OPENID).put("auth_protocol", "OpenID");
    } else {
      ocsf.put("auth_protocol_id", PROTOCOL_SAML).put("auth_protocol", "SAML");
    }
  }

  /** OCSF leaves unknown attributes out rather than null. */
  private static JsonObject withoutNulls(JsonObject json) {
    JsonObject clean = new JsonObject();
    json.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject child) {
        clean.put(entry.getKey(), withoutNulls(child));
      } else if (entry.getValue() != null) {
        clean.put(entry.getKey(), entry.getValue());
      }
    });
    return clean;
  }
}
