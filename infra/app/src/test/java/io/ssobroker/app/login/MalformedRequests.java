package io.ssobroker.app.login;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Malformed and hostile HTTP requests, the same ones for the same seed: a route of the port (its path parameters filled
 * with good or hostile values), any method, hostile query strings, headers and bodies, and broken framing.
 */
final class MalformedRequests {

  /** A route of a port, such as {@code GET /o/{org}/login/{connectorId}}; other methods are tried on it too. */
  record Route(int port, String method, String template) {}

  /** One generated request: where it goes, the bytes, a readable summary, and whether its framing is complete. */
  record Request(int index, int port, String summary, byte[] bytes, boolean complete) {}

  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO");
  private static final List<String> HOSTILE_SEGMENTS = List.of(
      "%2e%2e", "..", ".", "%00", "%zz", "%", "%2", "a%2Fb", "%c0%ae", "%ff%fe", "%e2%80%ae", "%3Cscript%3E",
      "'%20or%201=1--", "*", "%20", "~", "a".repeat(300), "%25", "%u002e", ";x=1", "x%0d%0aSet-Cookie:%20a=b");
  private static final List<String> PARAMETER_NAMES = List.of(
      "email", "return_to", "state", "code", "iss", "error", "error_description", "limit", "from", "to", "within",
      "format", "atomic", "org", "type", "category", "cursor", "SAMLResponse", "RelayState", "x");
  private static final List<String> HOSTILE_VALUES = List.of(
      "", "%zz", "%", "%2", "a%40b.com", "alice@acme.com", "@", "a@", "@b", "a@b@c", "a".repeat(5000),
      "https://evil.tld", "//evil.tld", "/\\evil.tld", "javascript:alert(1)", "%2F%2Fevil.tld", "-1", "0",
      "99999999999999999999999", "P-1D", "PT0S", "P99999D", "2026-13-45T99:99:99Z", "true", "maybe", "csv", "xml",
      "%00", "%ff%fe%fd", "%e2%80%ae", "<script>alert(1)</script>", "' or 1=1 --", "${jndi:ldap://127.0.0.1/a}",
      "a+b", "%2B", "null", "[]", "{}", "1e309", "\u00e9", "%F0%9F%92%A9");
  private static final List<String> CONTENT_TYPES = List.of(
      "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
      "application/x-www-form-urlencoded; charset=nonsense", "multipart/form-data", "multipart/form-data; boundary=x",
      "multipart/form-data; boundary=", "application/json", "application/json; charset=utf-16", "text/csv",
      "application/x-ndjson", "text/xml", "application/xml", "text/plain", "application/octet-stream", "garbage",
      "application/json;;;", "");
  private static final List<String> ACCEPTS = List.of(
      "application/json", "text/html", "*/*", "application/json, text/html;q=0.1", "garbage/garbage;q=x", "");

  private final Random random;
  private final List<Route> routes;
  private final String adminToken;
  private final String host;

  /**
   * @param adminToken a valid platform token, sent on some requests so that they get past authentication
   */
  MalformedRequests(long seed, List<Route> routes, String adminToken, String host) {
    this.random = new Random(seed);
    this.routes = routes;
    this.adminToken = adminToken;
    this.host = host;
  }

  Request next(int index) {
    Route route = pick(routes);
    String method = random.nextInt(3) == 0 ? pick(METHODS) : route.method();
    String target = fill(route.template()) + query();
    StringBuilder headers = new StringBuilder();
    if (random.nextInt(20) != 0) {
      headers.append("Host: ").append(random.nextInt(15) == 0 ? "evil.tld:1" : host).append("\r\n");
    }
    header(headers, 3, "Content-Type", () -> pick(CONTENT_TYPES));
    header(headers, 2, "Accept", () -> pick(ACCEPTS));
    header(headers, 4, "Authorization", this::authorization);
    header(headers, 5, "Cookie", this::cookie);
    header(headers, 8, "Origin", () -> pick(List.of("https://evil.tld", "null", host.isEmpty() ? "x" : "http://" + host)));
    header(headers, 10, "X-Forwarded-Host", () -> "evil.tld");
    header(headers, 12, "Expect", () -> pick(List.of("100-continue", "200-ok", "")));
    header(headers, 12, "User-Agent", () -> "fuzz/" + "x".repeat(random.nextInt(2000)));
    header(headers, 15, "X-Correlation-Id", () -> pick(HOSTILE_VALUES));
    headers.append("Connection: close\r\n");
    byte[] body = random.nextInt(3) == 0 ? new byte[0] : body();
    Framing framing = random.nextInt(5) < 3 ? pick(List.of(Framing.CONTENT_LENGTH, Framing.CHUNKED, Framing.NONE))
        : pick(List.of(Framing.values()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String head = method + " " + target + " HTTP/1.1\r\n" + headers;
    boolean complete = framing.write(head, body, bytes, random);
    String summary = "#" + index + " " + method + " " + abbreviate(target) + " framing=" + framing + " body="
        + body.length + "B " + abbreviate(headers.toString().replace("\r\n", " | "));
    return new Request(index, route.port(), summary, bytes.toByteArray(), complete);
  }

  private enum Framing {
    CONTENT_LENGTH, CHUNKED, NONE, BAD_CHUNKS, LENGTH_AND_CHUNKED, SHORT_BODY, BAD_LENGTH;

    /** Writes the request; answers whether its framing is complete (the server can know where it ends). */
    boolean write(String head, byte[] body, ByteArrayOutputStream out, Random random) {
      switch (this) {
        case CONTENT_LENGTH -> {
          out.writeBytes((head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.writeBytes(body);
        }
        case CHUNKED -> {
          out.writeBytes((head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          for (int from = 0; from < body.length; ) {
            int size = Math.min(body.length - from, 1 + random.nextInt(4096));
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, from, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            from += size;
          }
          out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        case NONE -> {
          out.writeBytes((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.writeBytes(body);
          return body.length == 0;
        }
        case BAD_CHUNKS -> {
          out.writeBytes((head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.writeBytes(body);
          return false;
        }
        case LENGTH_AND_CHUNKED -> {
          out.writeBytes((head + "Content-Length: " + body.length + "\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          out.writeBytes(body);
          return false;
        }
        case SHORT_BODY -> {
          out.writeBytes((head + "Content-Length: " + (body.length + 10) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.writeBytes(body);
          return false;
        }
        case BAD_LENGTH -> {
          out.writeBytes((head + "Content-Length: " + pick(random, List.of("abc", "-1", "1,2", "99999999999999999999"))
              + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.writeBytes(body);
          return false;
        }
        default -> throw new IllegalStateException();
      }
      return true;
    }
  }

  private String fill(String template) {
    StringBuilder path = new StringBuilder();
    for (String segment : template.split("/", -1)) {
      if (!path.isEmpty() || !segment.isEmpty()) {
        path.append('/');
      }
      path.append(switch (segment) {
        case "{org}" -> random.nextInt(3) == 0 ? pick(HOSTILE_SEGMENTS) : pick(List.of("acme", "fuzz", "nobody"));
        case "{connectorId}", "{id}" -> random.nextInt(3) == 0 ? pick(HOSTILE_SEGMENTS) : UUID.randomUUID().toString();
        case "{domain}" -> random.nextInt(3) == 0 ? pick(HOSTILE_SEGMENTS) : "acme.com";
        default -> random.nextInt(25) == 0 ? pick(HOSTILE_SEGMENTS) : segment;
      });
    }
    return path.isEmpty() ? "/" : path.toString();
  }

  private String query() {
    if (random.nextInt(3) == 0) {
      return "";
    }
    StringBuilder query = new StringBuilder("?");
    int count = 1 + random.nextInt(5);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        query.append(pick(List.of("&", "&", "&&", ";")));
      }
      query.append(random.nextInt(10) == 0 ? pick(HOSTILE_VALUES) : pick(PARAMETER_NAMES));
      if (random.nextInt(8) != 0) {
        query.append('=').append(pick(HOSTILE_VALUES).replace(" ", "%20").replace("\\", "%5C"));
      }
    }
    return query.toString().replace("#", "%23");
  }

  private byte[] body() {
    return switch (random.nextInt(9)) {
      case 0 -> form().getBytes(StandardCharsets.UTF_8);
      case 1 -> ("SAMLResponse=" + samlResponse() + "&RelayState=" + pick(HOSTILE_VALUES)).getBytes(StandardCharsets.UTF_8);
      case 2 -> pick(List.of("{\"email\": 1}", "{\"name\": null}", "[1,2,3]", "{", "\"text\"", "{\"a\":" + "[".repeat(5000),
          "{\"key\": \"" + "k".repeat(random.nextInt(100_000)) + "\"}", "{\"slug\": \"%zz\", \"name\": {\"x\": []}}",
          "{\"kind\": \"azure\", \"domains\": [\"a.com\"], \"parameters\": {\"tenantType\": \"multi\"}}",
          "{\"at\": \"yesterday\"}", "null", "{\"email\": \"a@b.c\", \"org\": \"../../x\"}"))
          .getBytes(StandardCharsets.UTF_8);
      case 3 -> randomBytes(random.nextInt(8192));
      case 4 -> "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.c\r\n--x--\r\n"
          .getBytes(StandardCharsets.UTF_8);
      case 5 -> ("email=" + "%zz".repeat(1 + random.nextInt(3)) + "&return_to=%").getBytes(StandardCharsets.UTF_8);
      case 6 -> ("email,name,org,status\n" + "a@b.c,\"unterminated,acme,active\n" + "x".repeat(random.nextInt(70_000)))
          .getBytes(StandardCharsets.UTF_8);
      case 7 -> ("SAMLResponse=" + "A".repeat(600 * 1024 + random.nextInt(1024))).getBytes(StandardCharsets.UTF_8);
      default -> new byte[] {(byte) 0xff, (byte) 0xfe, 0, '{', (byte) 0xc3, '(', (byte) 0xa0, (byte) 0xa1};
    };
  }

  private String form() {
    StringBuilder form = new StringBuilder();
    int fields = 1 + random.nextInt(80);
    for (int i = 0; i < fields; i++) {
      form.append(i == 0 ? "" : "&").append(pick(PARAMETER_NAMES)).append('=').append(pick(HOSTILE_VALUES));
    }
    return form.toString();
  }

  private String samlResponse() {
    String xml = pick(List.of(
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><samlp:Response>&x;</samlp:Response>",
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_1\" Version=\"2.0\"/>",
        "<a>" + "<b>".repeat(200) + "</a>", "not xml at all", "<?xml version=\"1.0\" encoding=\"UTF-7\"?><a/>"));
    String encoded = Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    return random.nextBoolean() ? encoded.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
        : pick(List.of("!!!not-base64!!!", "%zz", encoded));
  }

  private String authorization() {
    return pick(List.of("Bearer " + adminToken, "Bearer " + adminToken, "Bearer garbage", "Basic Zm9vOmJhcg==", "Bearer",
        "Bearer " + "t".repeat(600), "bearer " + adminToken + " extra", "Bearer %zz"));
  }

  private String cookie() {
    return pick(List.of("sso_session=" + UUID.randomUUID(), "sso_session=%zz; sso_binding=", "sso_binding=" + "b".repeat(4000),
        "=; ;;; sso_session", "sso_session=\"quoted\"", "sso_session=a; sso_session=b", "\u00ff\u00fe=1"));
  }

  private void header(StringBuilder headers, int oneIn, String name, Supplier<String> value) {
    if (random.nextInt(oneIn) == 0) {
      headers.append(name).append(": ").append(value.get()).append("\r\n");
    }
  }

  private byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private <T> T pick(List<T> values) {
    return pick(random, values);
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
