package io.ssobroker.platform;

import java.net.URI;
import java.util.Locale;

/** The origin of an absolute http(s) URL, as browsers compare them: lower-case scheme and host, default port omitted. */
public final class Origins {

  private Origins() {}

  public static String of(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
