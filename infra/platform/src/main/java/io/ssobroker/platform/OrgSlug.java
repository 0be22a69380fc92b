package io.ssobroker.platform;

import java.util.regex.Pattern;

/** Rules for an org slug: lower-case letters, digits and hyphens, starting with a letter or digit, at most 63 characters. */
public final class OrgSlug {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private OrgSlug() {}

  public static boolean isValid(String slug) {
    return slug != null && SLUG.matcher(slug).matches();
  }

  public static String describeRule() {
    return "must be 1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit";
  }
}
