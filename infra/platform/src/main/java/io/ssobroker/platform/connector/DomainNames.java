package io.ssobroker.platform.connector;

import java.util.regex.Pattern;

/** A lower-case DNS domain name of at least two labels, as used for email domains. */
public final class DomainNames {

  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

  private DomainNames() {}

  public static boolean isValid(String domain) {
    return domain != null && DOMAIN.matcher(domain).matches();
  }
}
